package org.vivacite.portal.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.enrolment.EnrolmentController;
import org.vivacite.portal.enrolment.RedemptionRate;
import org.vivacite.portal.enrolment.StoreEnrolments;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * The person's consent API over a real LMDB private store: enrol with a printed code, consent to
 * fine data (the gate's step follows), get the signed receipt and verify it with the published key,
 * withdraw; another account reaches none of it. The controllers are driven through Spring MVC's
 * MockMvc with the principal an authenticated session would carry (the OIDC login is another
 * part of issue 19, tested end to end at its merge).
 */
class PersonalConsentApiTest {

    private static final String BASE = "http://localhost:8080/";
    private static final String DWELLING = BASE + "dwelling/3f9a1c0e5b7d2a64";

    @TempDir
    Path dir;

    QuadStore store;
    final AheadClock clock = new AheadClock();
    Consents consents;
    StoreEnrolments enrolments;
    ConsentReceipts receipts;
    MockMvc mvc;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        store.add(List.of(Quad.create(
                NodeFactory.createURI(BASE + "graph/private/3f9a1c0e5b7d2a64"),
                NodeFactory.createURI(DWELLING),
                RDF.type.asNode(),
                NodeFactory.createURI(Namespaces.VC + "Dwelling"))));
        consents = new Consents(
                store,
                BASE,
                clock,
                new FinerData(store, QuantityRegistry.standard(), java.time.ZoneId.of("Europe/Paris")));
        enrolments = new StoreEnrolments(store, BASE, clock);
        receipts = new ConsentReceipts(
                store,
                BASE,
                consents.graph(),
                dir,
                new ConsentReceipts.Controller(
                        "Grenoble-Alpes Métropole",
                        "DPO",
                        "3 rue Malakoff, 38000 Grenoble",
                        "dpo@example.org",
                        "https://example.org/privacy"));
        mvc = MockMvcBuilders.standaloneSetup(
                        new ConsentController(new PersonalConsents(consents, enrolments, receipts, clock), receipts),
                        new EnrolmentController(enrolments, new RedemptionRate()))
                .build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** The system's clock, which a test moves ahead (past a move-out, for the next household). */
    static final class AheadClock extends Clock {
        Duration ahead = Duration.ZERO;

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    private static Principal as(String subject) {
        return () -> subject;
    }

    private String enrol(String subject) throws Exception {
        String code = enrolments
                .generate(List.of(DWELLING), Duration.ofDays(30))
                .get(0)
                .code();
        mvc.perform(post("/api/me/enrolment")
                        .principal(as(subject))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code.toLowerCase() + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.dwelling").value(DWELLING));
        return code;
    }

    @Test
    void aCodeEnrolsOnceAndOnlyItsHashIsStored() throws Exception {
        String code = enrol("alice");

        assertThat(enrolments.of("alice", Instant.now())).singleElement().satisfies(e -> {
            assertThat(e.dwelling()).isEqualTo(DWELLING);
            assertThat(e.graphs()).containsExactly(BASE + "graph/private/3f9a1c0e5b7d2a64");
        });
        mvc.perform(post("/api/me/enrolment")
                        .principal(as("bob"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("code: not a valid enrolment code (unknown, used or expired)"));
        assertThat(enrolments.of("bob", Instant.now())).isEmpty();
        String stored = store.read(enrolments.graph()).toString();
        assertThat(stored).doesNotContain(code.replace("-", ""));
    }

    @Test
    void movingOutEndsAccessAtTheMoveDateAndIssuesAReceiptOfTheConsentsItEnds() throws Exception {
        enrol("alice");
        // the utility's record of the household's consent to half hours, then alice's own
        consents.importRegistry(
                List.of(new org.vivacite.ingest.registry.RegisteredMeter(
                        "12345678",
                        "ZRI",
                        "water",
                        "3f9a1c0e5b7d2a64",
                        "water-meter",
                        "waterVolume",
                        "wmbus",
                        "BLDG00000001",
                        null,
                        Duration.ofMinutes(30),
                        null,
                        null,
                        List.of("*"),
                        null,
                        null)),
                m -> DWELLING);
        String registry = consents.of(List.of(DWELLING)).stream()
                .filter(org.vivacite.ingest.consent.Consent::fromRegistry)
                .findFirst()
                .orElseThrow()
                .id();

        mvc.perform(post("/api/me/consents")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"fine-data\",\"step\":\"PT30M\"}"))
                .andExpect(status().isCreated());
        Instant move = Instant.now().plusSeconds(3600);
        List<ConsentReceipts.Receipt> before = receipts.issuedTo("alice");
        assertThat(enrolments.moveOut(DWELLING, move, consents, receipts))
                .isEqualTo(new StoreEnrolments.MoveOut(1, 1, 1));
        // a signed receipt of the end, issued to alice, with the move as the consent's end
        List<ConsentReceipts.Receipt> issued = receipts.issuedTo("alice");
        assertThat(issued).hasSize(before.size() + 1);
        ConsentReceipts.Receipt ended =
                issued.stream().filter(r -> !before.contains(r)).findFirst().orElseThrow();
        JWSObject jws = JWSObject.parse(ended.jws());
        ECKey key = JWKSet.parse(json.writeValueAsString(receipts.publicKeys()))
                .getKeys()
                .get(0)
                .toECKey();
        assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
        Map<String, Object> claims = jws.getPayload().toJSONObject();
        assertThat(claims)
                .containsEntry("event", "ended")
                .containsEntry("consentId", ended.consentId())
                .containsEntry("validUntil", move.toString())
                .containsEntry("sub", "alice");
        // the consents of alice's household (hers, the registry's) end with her enrolment: the next
        // occupant's data are daily again
        assertThat(consents.step(DWELLING, move.minusSeconds(1))).isEqualTo(Duration.ofMinutes(30));
        assertThat(consents.step(DWELLING, move)).isEqualTo(Duration.ofDays(1));

        assertThat(enrolments.of("alice", move.minusSeconds(1))).hasSize(1);
        assertThat(enrolments.of("alice", move)).isEmpty();
        assertThat(new StoreEnrolments(store, BASE, Clock.systemUTC()).of("alice", move))
                .as("after a restart")
                .isEmpty();

        // the next occupant sees, and may withdraw, nothing of alice's consents
        clock.ahead = Duration.ofHours(2);
        enrol("bob");
        String listed = mvc.perform(get("/api/me/consents").principal(as("bob")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(listed).doesNotContain(ended.consentId()).doesNotContain(registry);
        mvc.perform(delete("/api/me/consents/" + ended.consentId()).principal(as("bob")))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMoveInBeforeThePreviousHouseholdsMoveOutIsRefusedAndTheCodeKept() throws Exception {
        enrol("alice");
        Instant move = Instant.now().plusSeconds(3600);
        // no move-out recorded yet: the next household's code opens nothing
        String code = enrolments
                .generate(List.of(DWELLING), Duration.ofDays(30))
                .get(0)
                .code();
        mvc.perform(post("/api/me/enrolment")
                        .principal(as("bob"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error")
                        .value(org.hamcrest.Matchers.startsWith(
                                "code: the dwelling's previous household has no move-out recorded by your move-in")));
        // nor a code whose move-in the operator gives before it
        assertThatThrownBy(() -> enrolments.generate(
                        List.of(DWELLING), Duration.ofDays(30), Instant.now().minusSeconds(86_400)))
                .isInstanceOf(org.vivacite.portal.enrolment.EnrolmentException.class)
                .hasMessageStartingWith("moved-in: ")
                .hasMessageContaining("is before the move-out of the household enrolled in " + DWELLING)
                .hasMessageContaining("record it first");
        enrolments.moveOut(DWELLING, move, consents, receipts);
        mvc.perform(post("/api/me/enrolment")
                        .principal(as("bob"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isBadRequest());
        assertThat(enrolments.of("bob", move.plusSeconds(1))).isEmpty();

        // once alice has left, the same code opens bob's enrolment from then: their days never overlap
        clock.ahead = Duration.ofHours(2);
        mvc.perform(post("/api/me/enrolment")
                        .principal(as("bob"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"code\":\"" + code + "\"}"))
                .andExpect(status().isCreated());
        assertThat(enrolments.of("bob", clock.instant()))
                .singleElement()
                .satisfies(e -> assertThat(e.from()).isAfterOrEqualTo(move));
    }

    @Test
    void consentingToFineDataGivesTheGateItsStepAndASignedReceipt() throws Exception {
        enrol("alice");

        String body = mvc.perform(post("/api/me/consents")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"fine-data\",\"step\":\"PT30M\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("given"))
                .andExpect(jsonPath("$.step").value("PT30M"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Map<?, ?> given = json.readValue(body, Map.class);
        assertThat(consents.step(DWELLING, Instant.now())).isEqualTo(Duration.ofMinutes(30));

        String jws = mvc.perform(get("/api/me/receipts/" + given.get("receipt")).principal(as("alice")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String keys = mvc.perform(get("/api/consent-receipts/jwks"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        ECKey key = (ECKey) JWKSet.parse(keys).getKeys().get(0);
        assertThat(key.isPrivate()).as("only the public key is published").isFalse();
        JWSObject receipt = JWSObject.parse(jws);
        assertThat(receipt.verify(new ECDSAVerifier(key))).isTrue();
        Map<String, Object> claims = receipt.getPayload().toJSONObject();
        assertThat(claims)
                .containsEntry("version", "KI-CR-v1.1.0")
                .containsEntry("jurisdiction", "FR")
                .containsEntry("piiPrincipalId", "alice")
                .containsEntry("consentReceiptID", given.get("receipt"))
                .containsEntry("consentId", given.get("id"))
                .containsEntry("event", "given")
                .containsEntry("step", "PT30M")
                .containsKeys("consentTimestamp", "collectionMethod", "policyUrl", "piiControllers", "services");
        @SuppressWarnings("unchecked")
        Map<String, Object> purpose = (Map<String, Object>)
                ((List<?>) ((Map<?, ?>) ((List<?>) claims.get("services")).get(0)).get("purposes")).get(0);
        assertThat(purpose).containsEntry("purpose", "fine-data").containsEntry("consentType", "EXPLICIT");
        // a receipt altered after signing no longer verifies
        String[] parts = jws.split("\\.");
        String forged = parts[0] + "."
                + com.nimbusds.jose.util.Base64URL.encode(
                        receipt.getPayload().toString().replace("alice", "mallory")) + "." + parts[2];
        assertThat(JWSObject.parse(forged).verify(new ECDSAVerifier(key))).isFalse();
        // the signing key is a secret readable by its owner only
        assertThat(Files.getPosixFilePermissions(dir.resolve(ConsentReceipts.KEY_FILE)))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void withdrawingIsEffectiveAtOnceWithItsReceiptAndAnotherAccountReachesNothing() throws Exception {
        enrol("alice");
        String body = mvc.perform(post("/api/me/consents")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"fine-data\",\"step\":\"PT30M\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Map<?, ?> given = json.readValue(body, Map.class);

        mvc.perform(get("/api/me/consents").principal(as("bob")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(delete("/api/me/consents/" + given.get("id")).principal(as("bob")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/me/receipts/" + given.get("receipt")).principal(as("bob")))
                .andExpect(status().isNotFound());
        assertThat(consents.step(DWELLING, Instant.now())).isEqualTo(Duration.ofMinutes(30));

        String withdrawn = mvc.perform(
                        delete("/api/me/consents/" + given.get("id")).principal(as("alice")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("withdrawn"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(consents.step(DWELLING, Instant.now())).isEqualTo(Duration.ofDays(1));
        String jws = mvc.perform(get("/api/me/receipts/"
                                + json.readValue(withdrawn, Map.class).get("receipt"))
                        .principal(as("alice")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(JWSObject.parse(jws).getPayload().toJSONObject()).containsEntry("event", "withdrawn");
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        enrol("alice");

        mvc.perform(post("/api/me/consents")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"fine-data\",\"step\":\"PT7M\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("step 'PT7M'")));
        mvc.perform(post("/api/me/consents")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"research\",\"until\":\"2099-01-01T00:00:00Z\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("more than three years")));
        mvc.perform(post("/api/me/consents")
                        .principal(as("alice"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"marketing\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith("purpose 'marketing'")));
        mvc.perform(get("/api/me/consents")).andExpect(status().isUnauthorized());
    }
}
