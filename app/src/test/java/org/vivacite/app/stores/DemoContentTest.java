package org.vivacite.app.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vivacite.app.VivaciteServer;
import org.vivacite.ontology.shacl.ShapeReport;
import org.vivacite.ontology.shacl.ShapeValidator;
import org.vivacite.triplestore.GraphNames;
import org.vivacite.triplestore.QuadStore;

/**
 * With --demo, the worked example and the demo city land where the architecture says, and conform to
 * the shapes.
 */
@SpringBootTest(classes = VivaciteServer.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class DemoContentTest {

    @TempDir
    static Path data;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("vivacite.data", () -> data.toString());
        registry.add("vivacite.demo", () -> "true");
        registry.add("vivacite.base-iri", () -> "https://data.example.org/");
        registry.add("vivacite.demo-city.households", () -> "40");
        // a city of 40 households with one water meter that leaks (one in 200 does: seed 1 has none)
        registry.add("vivacite.demo-city.seed", () -> "10");
        registry.add("vivacite.demo-city.history-days", () -> "2");
    }

    @Autowired
    @PrivateStore
    QuadStore privateStore;

    @Autowired
    @PublicStore
    QuadStore publicStore;

    @Autowired
    GraphNames graphs;

    @Autowired
    org.vivacite.triplestore.rollup.MeterDayRollups rollups;

    @Autowired
    org.vivacite.portal.identity.Accounts accounts;

    @Test
    void anAccountOfEachRoleIsInTheCredentialsFileAsUserColonPasswordAndLogsInWithIt() throws Exception {
        java.util.Properties credentials = new java.util.Properties();
        try (var r = java.nio.file.Files.newBufferedReader(data.resolve("credentials"))) {
            credentials.load(r);
        }
        var encoder = org.vivacite.portal.identity.IdentityConfiguration.passwordEncoder();
        for (var role : org.vivacite.portal.identity.Role.values()) {
            String[] userAndPassword =
                    credentials.getProperty("account." + role.claim()).split(":", 2);
            var account = accounts.find(userAndPassword[0]).orElseThrow();
            assertThat(account.roles()).containsExactly(role);
            assertThat(encoder.matches(userAndPassword[1], account.passwordHash()))
                    .isTrue();
        }
    }

    @Test
    void territoryGoesToBothStoresAndTheHouseholdOnlyToThePrivateOne() {
        String household = graphs.privateGraph(InitialContent.EXAMPLE_SUBJECT);
        assertThat(privateStore.statistics()).containsKeys(graphs.territory(), household);
        assertThat(publicStore.statistics()).containsKeys(graphs.territory(), graphs.vocabulary());
        assertThat(publicStore.statistics().keySet()).noneMatch(graphs::isPrivate);
        assertThat(privateStore.read(graphs.territory()).isIsomorphicWith(publicStore.read(graphs.territory())))
                .isTrue();
    }

    @Test
    void iriesAreMintedUnderTheConfiguredBase() {
        assertThat(publicStore.read(graphs.territory()).find().toList())
                .anySatisfy(t ->
                        assertThat(t.getSubject().getURI()).isEqualTo("https://data.example.org/id/commune/38185"));
    }

    private static boolean contains(java.nio.file.Path file, String text) {
        try {
            return java.nio.file.Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false; // being rewritten
        }
    }

    @Test
    void whatThePrivateStoreHoldsConformsToTheShapes() throws InterruptedException {
        // The demo city's households and readings arrive in the background once the server is up,
        // then the consumption derived from them with its rollups. A rollup's sums are written as
        // parts at the next flush: the store conforms once what the rollups hold is flushed.
        long deadline = System.nanoTime() + 120_000_000_000L;
        java.nio.file.Path state = data.resolve("demo/city.properties");
        while (!(java.nio.file.Files.exists(state) && contains(state, "derived-until="))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(state).content().contains("derived-until=");
        Model stored = ModelFactory.createDefaultModel();
        // the rollups' monitor holds off the live feed's readings (written through the rollups) meanwhile
        synchronized (rollups) {
            rollups.flush();
            privateStore
                    .statistics()
                    .keySet()
                    .forEach(g -> privateStore.read(g).find().forEach(stored.getGraph()::add));
        }
        ShapeReport report = new ShapeValidator().validate(stored);
        assertThat(stored.size()).isGreaterThan(50);
        assertThat(report.conforms()).as(report.toText()).isTrue();
    }

    @Autowired
    org.vivacite.portal.Enrolments enrolments;

    @Autowired
    org.vivacite.app.security.DemoAccounts demoAccounts;

    @Autowired
    org.vivacite.simulator.DemoCity city;

    @Autowired
    org.vivacite.ingest.mapping.ObservationMapper mapper;

    @Test
    void theDemoCitizenIsEnrolledInTheDwellingOfTheWaterMeterThatLeaksAndConsentsToFineData()
            throws InterruptedException {
        String citizen = demoAccounts.users().get(org.vivacite.portal.identity.Role.CITIZEN);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (enrolments.of(citizen, java.time.Instant.now()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var leaking = city.fleet().meters().stream()
                .filter(m -> city.load().leakStart(m).isPresent())
                .toList();
        assertThat(leaking)
                .as("the city of seed 10 has one leaking water meter")
                .hasSize(1);
        var row = org.vivacite.ingest.registry.MeterCsv.parse(
                        org.vivacite.simulator.output.SimulationFolder.REGISTRY_HEADER + "\n"
                                + org.vivacite.simulator.output.SimulationFolder.registryRow(
                                        leaking.get(0), "demo-city"),
                        "test")
                .get(0);
        String dwelling = mapper.nodes(row).featureOfInterest().getURI();
        assertThat(enrolments.of(citizen, java.time.Instant.now()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.dwelling()).isEqualTo(dwelling);
                    assertThat(e.graphs()).singleElement().asString().contains("/graph/private/");
                });
        // and consents to half-hourly data, so that the incidents page's leak rules apply to it
        assertThat(consents.list(citizen)).anySatisfy(c -> {
            assertThat(c.dwelling()).isEqualTo(dwelling);
            assertThat(c.purpose()).isEqualTo(org.vivacite.ingest.consent.Purpose.FINE_DATA);
            assertThat(c.step()).isEqualTo(java.time.Duration.ofMinutes(30));
            assertThat(c.subject()).isEqualTo(citizen);
        });
    }

    @Autowired
    org.vivacite.portal.consent.PersonalConsents consents;

    @Autowired
    org.vivacite.portal.manager.BuildingData buildings;

    @Test
    void theDemoManagerManagesACollectiveBuildingWithHeatCostAllocators() throws InterruptedException {
        String manager = demoAccounts.users().get(org.vivacite.portal.identity.Role.MANAGER);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (buildings.buildings(manager).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var withAllocators = city.fleet().of(org.vivacite.simulator.meters.Device.HEAT_COST_ALLOCATOR).stream()
                .map(m -> org.vivacite.ingest.registry.MeterCsv.parse(
                                org.vivacite.simulator.output.SimulationFolder.REGISTRY_HEADER + "\n"
                                        + org.vivacite.simulator.output.SimulationFolder.registryRow(m, "demo-city"),
                                "test")
                        .get(0))
                .map(r -> "https://data.example.org/id/building/" + r.building())
                .toList();
        assertThat(withAllocators)
                .as("the city of seed 10 has heat cost allocators")
                .isNotEmpty();
        assertThat(buildings.buildings(manager)).singleElement().satisfies(b -> {
            assertThat(withAllocators).contains(b.iri());
            assertThat(b.dwellings()).as("a collective building").isGreaterThan(1);
        });
    }

    @Autowired
    org.vivacite.portal.manager.HeatingStatements heating;

    /**
     * The demo manager's building has what a heating split needs: every dwelling's floor area (from
     * the demo's dwellings file) and allocator readings over the history; the statements sum to the
     * cost to the cent.
     */
    @Test
    void theDemoManagerIssuesHeatingStatementsForItsBuilding() throws InterruptedException {
        String manager = demoAccounts.users().get(org.vivacite.portal.identity.Role.MANAGER);
        long deadline = System.nanoTime() + 120_000_000_000L;
        java.nio.file.Path state = data.resolve("demo/city.properties");
        while (!(buildings.buildings(manager).size() == 1
                        && java.nio.file.Files.exists(state)
                        && contains(state, "derived-until="))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var building = buildings.buildings(manager).get(0);
        java.time.LocalDate yesterday = heating.today().minusDays(1);
        var s = heating.issue(
                manager,
                building.id(),
                "heat-cost-allocation",
                city.start(),
                yesterday,
                new java.math.BigDecimal("4321.09"));
        assertThat(s.statements()).hasSize(building.dwellings());
        assertThat(s.total()).isEqualByComparingTo("4321.09");
        assertThat(s.basisTotal()).as("the dwellings' floor areas").isPositive();
    }
}
