package org.vivacite.app.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.app.ingest.IngestViews;
import org.vivacite.ingest.pipeline.IngestPipeline;
import org.vivacite.ingest.registry.MeterCsv;
import org.vivacite.ingest.registry.RegisteredMeter;
import org.vivacite.ingest.registry.RegistryException;

/**
 * {@code /admin/meters} (operator token): the meter registry as CSV or JSON, and registration of a
 * CSV while the server runs (what {@code vivacite meters import} does with the server stopped).
 */
@RestController
class MetersController {

    static final String TEXT_CSV = "text/csv";

    private final IngestPipeline pipeline;

    MetersController(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GetMapping(value = "/admin/meters", produces = TEXT_CSV + ";charset=UTF-8")
    String csv() {
        return MeterCsv.write(pipeline.registry().all());
    }

    @GetMapping(value = "/admin/meters", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, String>> json() {
        return pipeline.registry().all().stream().map(IngestViews::meter).toList();
    }

    /**
     * Registers the rows, writes the meters and replays the inputs quarantined for want of them;
     * lists the meters whose dwelling the territory does not know.
     */
    @PostMapping(value = "/admin/meters", consumes = TEXT_CSV, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> register(@RequestBody String csv) {
        List<RegisteredMeter> rows = MeterCsv.parse(csv, "request body");
        IngestPipeline.Registration r = pipeline.register(rows);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("registered", r.registered());
        answer.put("replayed", r.replayed().tried());
        answer.put("resolved", r.replayed().resolved());
        answer.put("waiting", r.replayed().failed());
        answer.put("unknownDwellings", r.unknownDwellings());
        return answer;
    }

    @ExceptionHandler(RegistryException.class)
    ResponseEntity<ProblemDetail> badCsv(RegistryException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
