package org.vivacite.portal.official;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cells an official reads leave as the release's file is read, not once it is read whole: the
 * file is a named pipe whose writer holds its last row back until the first rows have reached the
 * answer (a daily dataset's file is large; neither it nor the answer is held in memory).
 */
class OfficialCellsTest {

    private static final int ROWS = 5_000;

    @TempDir
    Path dir;

    @Test
    void theRowsLeaveWhileTheFileIsStillBeingRead() throws Exception {
        Path fifo = dir.resolve("daily.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        CountDownLatch firstRowsOut = new CountDownLatch(1);
        ByteArrayOutputStream answer = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.UTF_8).contains("\"http://example.org/iris/1\"")) {
                    firstRowsOut.countDown();
                }
            }
        };
        CompletableFuture<Boolean> sentBeforeTheEnd = CompletableFuture.supplyAsync(() -> {
            try (Writer w = Files.newBufferedWriter(fifo, StandardCharsets.UTF_8)) {
                w.write("area,consumption,status\r\n");
                for (int i = 0; i < ROWS - 1; i++) {
                    w.write("http://example.org/iris/" + i + "," + i + ".5,published\r\n");
                }
                w.flush();
                boolean out = firstRowsOut.await(30, TimeUnit.SECONDS);
                w.write("http://example.org/iris/last,,confidential\r\n");
                return out;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        OfficialController.write("daily-consumption-by-district", "20261202T000000Z", fifo, answer);

        assertThat(sentBeforeTheEnd.get(60, TimeUnit.SECONDS))
                .as("the first rows were in the answer before the file's last row was written")
                .isTrue();
        JsonNode json = new ObjectMapper().readTree(answer.toByteArray());
        assertThat(json.path("columns").toString()).isEqualTo("[\"area\",\"consumption\",\"status\"]");
        assertThat(json.path("rows")).hasSize(ROWS);
        assertThat(json.path("rows").get(ROWS - 1).path("consumption").asText()).isEmpty();
        assertThat(json.path("rows").get(ROWS - 1).path("status").asText()).isEqualTo("confidential");
    }
}
