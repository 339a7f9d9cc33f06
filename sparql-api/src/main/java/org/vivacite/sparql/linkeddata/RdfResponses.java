package org.vivacite.sparql.linkeddata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.graph.Graph;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The responses of the linked-data endpoints: negotiated RDF or HTML, and short plain-text errors. */
final class RdfResponses {

    static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private RdfResponses() {}

    /** Headers of every negotiated response: it varies with {@code Accept}. */
    static HttpHeaders varyByAccept() {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return headers;
    }

    /** Those headers plus a {@code Link} to each RDF serialisation of {@code path}. */
    static HttpHeaders withAlternates(String path) {
        HttpHeaders headers = varyByAccept();
        for (RdfFormat f : RdfFormat.values()) {
            headers.add(HttpHeaders.LINK, "<" + path + ">; rel=\"alternate\"; type=\"" + f.mediaType() + "\"");
        }
        return headers;
    }

    static ResponseEntity<byte[]> rdf(Graph graph, RdfFormat format, HttpHeaders headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(out, graph);
        return ResponseEntity.ok()
                .headers(headers)
                .contentType(format.contentType())
                .body(out.toByteArray());
    }

    static ResponseEntity<byte[]> html(String page, HttpHeaders headers) {
        return ResponseEntity.ok().headers(headers).contentType(HTML).body(page.getBytes(StandardCharsets.UTF_8));
    }

    /** A plain-text answer, one line. */
    static ResponseEntity<byte[]> text(HttpStatus status, String message, HttpHeaders headers) {
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(TEXT)
                .body((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** 406, naming the media types on offer. */
    static ResponseEntity<byte[]> notAcceptable(List<MediaType> offered) {
        return text(HttpStatus.NOT_ACCEPTABLE, notAcceptableMessage(offered), varyByAccept());
    }

    /** What a {@code 406} says: the media types on offer. */
    static String notAcceptableMessage(List<MediaType> offered) {
        return "none of the media types in Accept is offered here; ask for one of: "
                + offered.stream().map(MediaType::toString).collect(Collectors.joining(", "));
    }
}
