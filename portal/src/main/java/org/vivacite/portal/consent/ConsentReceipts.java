package org.vivacite.portal.consent;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * Consent receipts: for each change of a consent, a JSON record with the fields of the Kantara
 * Consent Receipt Specification 1.1 (which ISO/IEC 27560 builds on), signed as a JWS (ES256) with
 * the platform's receipt key, and kept in the consent graph beside the consent
 * ({@code {base}receipt/{id}}, {@code prov:wasDerivedFrom} it). The key is a secret kept in
 * {@code {data}/consent-receipts.jwk}, readable by its owner only, made when first opened (the
 * server's first start); its public half ({@link #publicKeys}) lets anyone verify a receipt.
 */
public final class ConsentReceipts {

    /** The key file, under the data directory. */
    public static final String KEY_FILE = "consent-receipts.jwk";

    /** Who the receipts name as the controller of the data (Kantara {@code piiControllers}). */
    public record Controller(String name, String contact, String address, String email, String policyUrl) {}

    private final QuadStore store;
    private final String base;
    private final Node graph;
    private final Controller controller;
    private final ECKey key;

    public ConsentReceipts(QuadStore store, String baseIri, String consentGraph, Path data, Controller controller) {
        this.store = store;
        this.base = baseIri;
        this.graph = NodeFactory.createURI(consentGraph);
        this.controller = controller;
        this.key = loadOrCreate(data.resolve(KEY_FILE));
    }

    /** The public key, as a JWK set, for whoever verifies a receipt. */
    public Map<String, Object> publicKeys() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /**
     * A receipt: its id, the consent it records, the key of the account it was issued to
     * ({@link org.vivacite.ingest.consent.Consents#account}), and the JWS (compact serialisation).
     */
    public record Receipt(String id, String consentId, String account, String jws) {}

    /**
     * Signs and keeps a receipt of a consent's change.
     *
     * @param action {@code given}, {@code withdrawn}, or {@code ended} (by a move-out)
     * @param subject the account that made the change, whom the receipt is issued to
     */
    public Receipt issue(Consent c, String action, Instant at, String subject) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> claims = claims(id, c, action, at, subject);
        String jws;
        try {
            JWSObject o = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .type(new JOSEObjectType("JWT"))
                            .build(),
                    new Payload(claims));
            o.sign(new ECDSASigner(key));
            jws = o.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a consent receipt: " + e.getMessage(), e);
        }
        Node r = iri(base + "receipt/" + id);
        List<Quad> quads = new ArrayList<>();
        quads.add(q(r, RDF.type.asNode(), iri(Namespaces.PROV + "Entity")));
        quads.add(q(r, DCTerms.identifier.asNode(), NodeFactory.createLiteralString(id)));
        quads.add(q(r, iri(Namespaces.PROV + "wasDerivedFrom"), iri(base + "consent/" + c.id())));
        quads.add(q(r, iri(Namespaces.PROV + "generatedAtTime"), dateTime(at)));
        quads.add(q(r, DCTerms.format.asNode(), NodeFactory.createLiteralString("application/jose")));
        quads.add(q(r, RDF.value.asNode(), NodeFactory.createLiteralString(jws)));
        String account = Consents.account(subject);
        quads.add(q(r, iri(Namespaces.PROV + "wasAttributedTo"), iri(base + "account/" + account)));
        store.add(quads);
        return new Receipt(id, c.id(), account, jws);
    }

    /** A receipt kept in the consent graph, with the id of its consent. */
    public Optional<Receipt> get(String id) {
        if (!id.matches("[0-9a-f-]{36}")) {
            return Optional.empty();
        }
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?jws ?c ?a WHERE { GRAPH ?graph { ?receipt rdf:value ?jws ; prov:wasDerivedFrom ?c ;"
                        + " prov:wasAttributedTo ?a } }");
        q.setNsPrefix("rdf", RDF.getURI());
        q.setNsPrefix("prov", Namespaces.PROV);
        q.setIri("graph", graph.getURI());
        q.setIri("receipt", base + "receipt/" + id);
        var rows = store.select(q.toString()).rows();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String consent = rows.get(0).get("c").getURI();
        String account = rows.get(0).get("a").getURI();
        return Optional.of(new Receipt(
                id,
                consent.substring(consent.lastIndexOf('/') + 1),
                account.substring(account.lastIndexOf('/') + 1),
                rows.get(0).get("jws").getLiteralLexicalForm()));
    }

    /** The receipts issued to an account, of any consent, oldest first. */
    public List<Receipt> issuedTo(String subject) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT ?id ?jws ?c ?at WHERE { GRAPH ?graph { ?receipt prov:wasAttributedTo ?account ;"
                        + " dct:identifier ?id ; rdf:value ?jws ; prov:wasDerivedFrom ?c ; prov:generatedAtTime ?at } }"
                        + " ORDER BY ?at ?id");
        q.setNsPrefix("rdf", RDF.getURI());
        q.setNsPrefix("prov", Namespaces.PROV);
        q.setNsPrefix("dct", DCTerms.NS);
        q.setIri("graph", graph.getURI());
        String account = Consents.account(subject);
        q.setIri("account", base + "account/" + account);
        return store.select(q.toString()).rows().stream()
                .map(row -> {
                    String consent = row.get("c").getURI();
                    return new Receipt(
                            row.get("id").getLiteralLexicalForm(),
                            consent.substring(consent.lastIndexOf('/') + 1),
                            account,
                            row.get("jws").getLiteralLexicalForm());
                })
                .toList();
    }

    /**
     * Erases for good the receipts of these consents (a household's erasure: the proof of the
     * erasure is kept instead), in one transaction.
     *
     * @return how many receipts there were
     */
    public int erase(java.util.Collection<String> consentIds) {
        if (consentIds.isEmpty()) {
            return 0;
        }
        StringBuilder values = new StringBuilder();
        for (String id : consentIds) {
            if (!id.matches("[0-9a-zA-Z-]{1,64}")) {
                throw new IllegalArgumentException("not a consent id: '" + id + "'");
            }
            values.append(" <").append(base).append("consent/").append(id).append('>');
        }
        String where = "GRAPH <" + graph.getURI() + "> { VALUES ?c {" + values + " }" + " ?r <" + Namespaces.PROV
                + "wasDerivedFrom> ?c ; a <" + Namespaces.PROV + "Entity> }";
        int n = store.select("SELECT ?r WHERE { " + where + " }").rows().size();
        if (n > 0) {
            store.update("DELETE { GRAPH <" + graph.getURI() + "> { ?r ?p ?o } } WHERE { " + where + " GRAPH <"
                    + graph.getURI() + "> { ?r ?p ?o } }");
        }
        return n;
    }

    /** The fields of a Kantara Consent Receipt 1.1 (and the ISO/IEC 27560 record they map to). */
    private Map<String, Object> claims(String id, Consent c, String action, Instant at, String subject) {
        Map<String, Object> purpose = new LinkedHashMap<>();
        purpose.put("purpose", c.purpose().id());
        purpose.put("purposeCategory", List.of(c.purpose().iri()));
        purpose.put("consentType", "EXPLICIT");
        purpose.put("piiCategory", List.of(piiCategory(c)));
        purpose.put("primaryPurpose", c.purpose() == Purpose.SERVICE);
        purpose.put("termination", "until " + c.until() + ", or withdrawal, effective at once");
        purpose.put(
                "thirdPartyDisclosure",
                c.purpose() == Purpose.SHARE_WITH_BUILDING_MANAGER || c.purpose() == Purpose.RESEARCH);
        if (c.purpose() == Purpose.SHARE_WITH_BUILDING_MANAGER) {
            purpose.put("thirdPartyName", "building manager");
        }
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service", "VivaCité personal energy and water data");
        service.put("purposes", List.of(purpose));
        Map<String, Object> ctrl = new LinkedHashMap<>();
        ctrl.put("piiController", controller.name());
        ctrl.put("contact", controller.contact());
        ctrl.put("address", controller.address());
        ctrl.put("email", controller.email());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("version", "KI-CR-v1.1.0");
        claims.put("jurisdiction", "FR");
        claims.put("consentTimestamp", at.getEpochSecond());
        claims.put(
                "collectionMethod",
                action.equals("ended")
                        ? "the household's move-out, recorded by the operator"
                        : "web form of the personal portal, authenticated account");
        claims.put("consentReceiptID", id);
        claims.put("language", "fr");
        claims.put("piiPrincipalId", subject);
        claims.put("piiControllers", List.of(ctrl));
        claims.put("policyUrl", controller.policyUrl());
        claims.put("services", List.of(service));
        claims.put("sensitive", false);
        claims.put("spiCat", List.of());
        // ISO/IEC 27560 record fields beyond Kantara's: the state change and the consent it records
        claims.put("consentId", c.id());
        claims.put("event", action);
        claims.put("status", c.status(at));
        claims.put("validFrom", c.from().toString());
        claims.put("validUntil", c.until().toString());
        if (c.purpose() == Purpose.FINE_DATA) {
            claims.put("step", c.step().toString());
        }
        claims.put("iat", at.getEpochSecond());
        claims.put("iss", base);
        claims.put("sub", subject);
        return claims;
    }

    private static String piiCategory(Consent c) {
        return switch (c.purpose()) {
            case FINE_DATA -> "energy and water readings of the dwelling at " + c.step();
            case SERVICE -> "daily energy and water consumption of the dwelling";
            default -> "energy and water consumption of the dwelling";
        };
    }

    private static ECKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            ECKey k = new ECKeyGenerator(Curve.P_256)
                    .keyID("receipts-" + Instant.now().getEpochSecond())
                    .generate();
            Path dir = file.toAbsolutePath().getParent();
            OwnerOnly.directories(dir);
            OwnerOnly.createFile(file);
            Files.writeString(file, k.toJSONString(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            return k;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the consent receipt key " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + ": not a JWK of the consent receipt key: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a consent receipt key: " + e.getMessage(), e);
        }
    }

    private Quad q(Node s, Node p, Node o) {
        return Quad.create(graph, s, p, o);
    }

    private static Node iri(String iri) {
        return NodeFactory.createURI(iri);
    }

    private static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }
}
