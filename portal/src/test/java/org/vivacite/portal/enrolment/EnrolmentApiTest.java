package org.vivacite.portal.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.Consents;
import org.vivacite.ingest.consent.FinerData;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.ontology.QuantityRegistry;
import org.vivacite.ontology.vocabulary.Namespaces;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * Redeeming codes over a real LMDB private store through Spring MVC, within the rate of the account
 * and of the client address; and moving out, which leaves the next occupant's enrolment alone.
 */
class EnrolmentApiTest {

    private static final String BASE = "http://localhost:8080/";
    private static final String DWELLING = BASE + "dwelling/3f9a1c0e5b7d2a64";

    @TempDir
    Path dir;

    QuadStore store;
    StoreEnrolments enrolments;
    Consents consents;
    ConsentReceipts receipts;
    MockMvc mvc;

    @BeforeEach
    void open() {
        store = QuadStores.open("lmdb", "private", dir.resolve("private"));
        store.add(List.of(Quad.create(
                NodeFactory.createURI(BASE + "graph/private/3f9a1c0e5b7d2a64"),
                NodeFactory.createURI(DWELLING),
                RDF.type.asNode(),
                NodeFactory.createURI(Namespaces.VC + "Dwelling"))));
        enrolments = new StoreEnrolments(store, BASE, Clock.systemUTC());
        consents = new Consents(
                store,
                BASE,
                Clock.systemUTC(),
                new FinerData(store, QuantityRegistry.standard(), java.time.ZoneId.of("Europe/Paris")));
        receipts = new ConsentReceipts(
                store,
                BASE,
                consents.graph(),
                dir,
                new ConsentReceipts.Controller(
                        "Métropole", "DPO", "Grenoble", "dpo@example.org", "https://example.org"));
        RedemptionRate rate = new RedemptionRate(
                new RedemptionRate.Limit(3, Duration.ofHours(1)), new RedemptionRate.Limit(5, Duration.ofHours(1)));
        mvc = MockMvcBuilders.standaloneSetup(new EnrolmentController(enrolments, rate))
                .build();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ResultActions redeem(String subject, String address, String code) throws Exception {
        Principal principal = () -> subject;
        return mvc.perform(post("/api/me/enrolment")
                .principal(principal)
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                })
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"code\":\"" + code + "\"}"));
    }

    private String code() {
        return enrolments
                .generate(List.of(DWELLING), Duration.ofDays(30))
                .get(0)
                .code();
    }

    @Test
    void anAccountBeyondItsTriesIsRefusedWithTheWaitAndItsValidCodeIsNotLookedAt() throws Exception {
        String code = code();
        for (int i = 0; i < 3; i++) {
            redeem("mallory", "192.0.2.1", "AAAA-BBBB-CCC" + i).andExpect(status().isBadRequest());
        }

        String retry = redeem("mallory", "198.51.100.7", code)
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.error").value(startsWith("code: too many tries from this account or address")))
                .andReturn()
                .getResponse()
                .getHeader("Retry-After");
        // a try each 20 minutes: the next in 1 200 s at most, less the time the tries took
        assertThat(Long.parseLong(retry)).isBetween(1L, 1200L);
        assertThat(enrolments.of("mallory", Instant.now())).isEmpty();

        redeem("alice", "198.51.100.7", code).andExpect(status().isCreated());
        assertThat(enrolments.of("alice", Instant.now())).hasSize(1);
    }

    @Test
    void oneAddressBeyondItsTriesIsRefusedWhateverTheAccount() throws Exception {
        for (int i = 0; i < 5; i++) {
            redeem("account-" + i, "203.0.113.9", "AAAA-BBBB-CCCC").andExpect(status().isBadRequest());
        }
        String code = code();

        redeem("account-5", "203.0.113.9", code).andExpect(status().isTooManyRequests());
        redeem("account-5", "192.0.2.44", code).andExpect(status().isCreated());
    }

    @Test
    void movingOutEndsThePreviousOccupantsAccessNotTheNextOnes() {
        enrolments.redeem("previous", code());
        Instant moved = Instant.now().plus(Duration.ofDays(1));
        Consent previous = consents.give("previous", DWELLING, Purpose.FINE_DATA, Duration.ofMinutes(30), null, null);
        assertThat(enrolments.moveOut(DWELLING, moved, consents, receipts))
                .isEqualTo(new StoreEnrolments.MoveOut(1, 1, 0));
        // the next occupant enrolled two days later, then the operator records the same move-out again
        StoreEnrolments later = new StoreEnrolments(store, BASE, Clock.offset(Clock.systemUTC(), Duration.ofDays(2)));
        later.redeem(
                "next",
                later.generate(List.of(DWELLING), Duration.ofDays(30)).get(0).code());
        Consent next = consents.give(
                "next", DWELLING, Purpose.RESEARCH, null, Instant.now().plus(Duration.ofDays(2)), null);

        assertThat(later.moveOut(DWELLING, moved, consents, receipts))
                .as("the previous occupant's only, ended already")
                .isEqualTo(new StoreEnrolments.MoveOut(0, 0, 0));

        assertThat(consents.get(previous.id()).orElseThrow().until()).isEqualTo(moved);
        assertThat(consents.step(DWELLING, moved.minusSeconds(1))).isEqualTo(Duration.ofMinutes(30));
        assertThat(consents.step(DWELLING, moved)).isEqualTo(Duration.ofDays(1));
        assertThat(consents.get(next.id())).hasValue(next);

        StoreEnrolments reread = new StoreEnrolments(store, BASE, Clock.systemUTC());
        assertThat(reread.of("previous", moved.minusSeconds(1))).hasSize(1);
        assertThat(reread.of("previous", moved)).isEmpty();
        assertThat(reread.of("next", moved.plus(Duration.ofDays(2))))
                .singleElement()
                .satisfies(e -> assertThat(e.until()).isNull());
    }

    @Test
    void aMoveOutOrCodesForWhatIsNoDwellingAreRefusedNamingIt() {
        assertThatThrownBy(() -> enrolments.moveOut(BASE + "dwelling/unknown", Instant.now(), consents, receipts))
                .isInstanceOf(EnrolmentException.class)
                .hasMessage("dwelling '" + BASE + "dwelling/unknown' is no dwelling of the private store");
        assertThatThrownBy(() -> enrolments.generate(List.of("not an iri> } #"), Duration.ofDays(1)))
                .isInstanceOf(EnrolmentException.class)
                .hasMessage("dwelling 'not an iri> } #' is not an absolute IRI");
    }
}
