package org.vivacite.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.QuadStores;

/**
 * {@code vivacite accounts assign|unassign} on a real data directory whose private store holds two
 * buildings' meters (imported as an operator would): the assignment is data of the private store,
 * written once, ended on request; a building the store does not have, or an account that is no
 * building manager, is refused naming it, and nothing is written.
 */
class AssignCommandTest extends InProcessCommand {

    private static final String BASE = "http://localhost:8080/";
    private static final String BAT1 = BASE + "id/building/BAT-1";
    private static final String BAT2 = BASE + "id/building/BAT-2";

    @TempDir
    Path data;

    @BeforeEach
    void buildingsAndAccounts() throws Exception {
        Path csv = data.resolve("meters.csv");
        Files.writeString(
                csv,
                "meter_id,manufacturer,fluid,dwelling_or_building,device,quantity,wire_format,building,"
                        + "usage_point_id,consent,gateways\n"
                        + "700000000001,Enedis,electricity,BAT-1,linky,electricityEnergyConsumed,csv,BAT-1,"
                        + "27000000000001,P1D,default\n"
                        + "700000000011,Enedis,electricity,LOG-11,linky,electricityEnergyConsumed,csv,BAT-1,"
                        + "27000000000011,P1D,default\n"
                        + "700000000021,Enedis,electricity,LOG-21,linky,electricityEnergyConsumed,csv,BAT-2,"
                        + "27000000000021,P1D,default\n");
        assertThat(run("meters", "import", csv.toString(), "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(run("accounts", "add", "mia", "--role", "manager", "--data", data.toString()))
                .isZero();
        assertThat(run("accounts", "add", "ana", "--role", "citizen", "--data", data.toString()))
                .isZero();
    }

    private List<String> assigned(String user) {
        try (QuadStore store = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            return new BuildingAssignments(store, BASE, Clock.systemUTC()).buildings(user);
        }
    }

    @Test
    void assigningWritesTheBuildingsOnceAndUnassigningEndsThem() {
        assertThat(run("accounts", "assign", "mia", BAT1, BAT2, "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("mia: 2 building(s) assigned, 0 assigned already");
        assertThat(assigned("mia")).containsExactly(BAT1, BAT2);

        assertThat(run("accounts", "assign", "mia", BAT1, "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).contains("mia: 0 building(s) assigned, 1 assigned already");
        assertThat(assigned("mia")).containsExactly(BAT1, BAT2);

        assertThat(run("accounts", "unassign", "mia", BAT2, "--data", data.toString()))
                .isZero();
        assertThat(out.toString()).contains("mia: 1 building(s) unassigned");
        assertThat(assigned("mia")).containsExactly(BAT1);
        assertThat(assigned("ana")).isEmpty();
    }

    @Test
    void anUnknownBuildingOrAnAccountThatIsNoManagerIsRefusedNamingItAndNothingIsWritten() {
        String nowhere = BASE + "id/building/NOPE";
        assertThat(run("accounts", "assign", "mia", BAT1, nowhere, "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString())
                .contains("building '" + nowhere + "' has no dwelling or plant room in the private store");
        assertThat(run("accounts", "assign", "mia", "BAT-1", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("building 'BAT-1' is not an absolute IRI");
        assertThat(assigned("mia")).isEmpty();

        assertThat(run("accounts", "assign", "ana", BAT1, "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("account ana is no building manager (roles: citizen)");
        assertThat(assigned("ana")).isEmpty();
    }

    @Test
    void listShowsEachManagersBuildingsAndSaysSoWhenTheServerHoldsTheStore() {
        assertThat(run("accounts", "assign", "mia", BAT2, BAT1, "--data", data.toString()))
                .isZero();
        // a manager who logs in at the city's SSO has no local account
        assertThat(run("accounts", "assign", "sso-lee", BAT2, "--data", data.toString()))
                .isZero();

        assertThat(run("accounts", "list", "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().lines())
                .containsExactlyInAnyOrder(
                        "ana\tcitizen\tana\t",
                        "mia\tmanager\tmia\t" + BAT1 + " " + BAT2,
                        "sso-lee\t(external)\t\t" + BAT2);

        try (QuadStore held = QuadStores.open("lmdb", "private", data.resolve("private"))) {
            assertThat(run("accounts", "list", "--data", data.toString())).isZero();
        }
        assertThat(out.toString().lines()).containsExactlyInAnyOrder("ana\tcitizen\tana\t", "mia\tmanager\tmia\t");
        assertThat(err.toString())
                .startsWith("vivacite: buildings not shown: ")
                .contains("GET /admin/managers/{user}/buildings shows them while the server runs");
    }
}
