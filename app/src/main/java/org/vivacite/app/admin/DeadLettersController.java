package org.vivacite.app.admin;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.app.ingest.IngestViews;
import org.vivacite.ingest.deadletter.DeadLetter;
import org.vivacite.ingest.deadletter.Reason;
import org.vivacite.ingest.pipeline.IngestPipeline;

/**
 * {@code /admin/deadletter} (operator token): the waiting dead letters without their payloads, and
 * their replay, as {@code vivacite deadletter list} and {@code replay} do with the server stopped.
 */
@RestController
class DeadLettersController {

    private final IngestPipeline pipeline;

    DeadLettersController(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GetMapping("/admin/deadletter")
    List<Map<String, Object>> list(@RequestParam(required = false) String reason) {
        return pipeline.deadLetters().list(ofReason(reason)).stream()
                .map(IngestViews::metadata)
                .toList();
    }

    @PostMapping("/admin/deadletter/replay")
    IngestPipeline.Replay replay(@RequestParam(required = false) String reason) {
        return pipeline.replay(ofReason(reason));
    }

    private static Predicate<DeadLetter> ofReason(String reason) {
        if (reason == null || reason.isEmpty()) {
            return l -> true;
        }
        Reason r = Reason.of(reason);
        return l -> l.reason() == r;
    }

    /** An unknown reason: Reason.of's message lists the valid ones. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> unknownReason(IllegalArgumentException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
