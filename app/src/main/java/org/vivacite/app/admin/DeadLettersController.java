package org.vivacite.app.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.vivacite.ingest.deadletter.DeadLetterStore;
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
        DeadLetterStore store = pipeline.deadLetters();
        return store.letters(ofReason(reason))
                .map(l -> IngestViews.metadata(l, store.storedBytes(l.id())))
                .toList();
    }

    /** Replays the waiting units (of that reason). */
    @PostMapping("/admin/deadletter/replay")
    IngestPipeline.Replay replay(@RequestParam(required = false) String reason) {
        Optional<Reason> r = reason(reason);
        return pipeline.replay(ofReason(reason), u -> r.isEmpty() || r.get() == u);
    }

    /** The letters with a unit of that reason waiting. */
    private static Predicate<DeadLetter> ofReason(String reason) {
        return reason(reason).<Predicate<DeadLetter>>map(r -> l -> l.waits(r)).orElse(l -> true);
    }

    private static Optional<Reason> reason(String reason) {
        return reason == null || reason.isEmpty() ? Optional.empty() : Optional.of(Reason.of(reason));
    }

    /** An unknown reason: Reason.of's message lists the valid ones. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> unknownReason(IllegalArgumentException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
