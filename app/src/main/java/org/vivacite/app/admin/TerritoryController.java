package org.vivacite.app.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.vivacite.app.VivaciteProperties;
import org.vivacite.app.stores.PrivateStore;
import org.vivacite.app.stores.PublicStore;
import org.vivacite.ontology.Pseudonyms;
import org.vivacite.territory.TerritoryException;
import org.vivacite.territory.TerritoryImport;
import org.vivacite.triplestore.QuadStore;
import org.vivacite.triplestore.support.OwnerOnly;

/**
 * {@code POST /admin/territory} (operator token): imports the territory from the files of a
 * multipart request, as {@code vivacite territory import} does with the server stopped. The files
 * are kept under {@code {data}/tmp} (owner only) for the import, then deleted. One import at a time.
 */
@RestController
class TerritoryController {

    private final TerritoryImport territoryImport;
    private final Path tmp;
    private final ReentrantLock running = new ReentrantLock();

    TerritoryController(
            @PublicStore QuadStore publicStore,
            @PrivateStore QuadStore privateStore,
            Pseudonyms pseudonyms,
            VivaciteProperties app) {
        this.territoryImport =
                new TerritoryImport(app.baseIri(), publicStore, privateStore, pseudonyms, Clock.systemUTC());
        this.tmp = app.data().resolve("tmp");
    }

    @PostMapping(value = "/admin/territory", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> importFiles(MultipartHttpServletRequest request) throws IOException {
        List<MultipartFile> parts = new ArrayList<>();
        request.getMultiFileMap().values().forEach(parts::addAll);
        if (parts.isEmpty()) {
            throw new TerritoryException("no file in the request: send each as a part of multipart/form-data");
        }
        if (!running.tryLock()) {
            return ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.CONFLICT, "a territory import is running already; try again when it is done"));
        }
        Path upload = Files.createTempDirectory(OwnerOnly.directories(tmp), "territory-"); // owner only
        try {
            List<Path> files = new ArrayList<>();
            for (MultipartFile part : parts) {
                // Only the name: the part's file name must not choose where it is written.
                String name = Path.of(
                                part.getOriginalFilename() == null
                                                || part.getOriginalFilename().isBlank()
                                        ? "file-" + files.size()
                                        : part.getOriginalFilename())
                        .getFileName()
                        .toString();
                // One folder per part, so that two parts may have the same name and errors name each as sent.
                Path file = Files.createDirectory(upload.resolve(Integer.toString(files.size())))
                        .resolve(name);
                part.transferTo(file);
                files.add(file);
            }
            return ResponseEntity.ok(territoryImport.run(files));
        } finally {
            running.unlock();
            FileSystemUtils.deleteRecursively(upload);
        }
    }

    @ExceptionHandler(TerritoryException.class)
    ResponseEntity<ProblemDetail> badFile(TerritoryException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
