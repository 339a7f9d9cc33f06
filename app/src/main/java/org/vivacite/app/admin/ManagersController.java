package org.vivacite.app.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vivacite.portal.identity.Accounts;
import org.vivacite.portal.manager.BuildingAssignments;
import org.vivacite.portal.manager.ManagerException;

/**
 * {@code /admin/managers/{user}/buildings} (operator): the buildings assigned to a building manager,
 * assigned and unassigned while the server runs (what {@code vivacite accounts assign|unassign} do
 * with the server stopped; docs/identity.md).
 */
@RestController
class ManagersController {

    private final BuildingAssignments assignments;
    private final Accounts accounts;

    ManagersController(BuildingAssignments assignments, Accounts accounts) {
        this.assignments = assignments;
        this.accounts = accounts;
    }

    @GetMapping(value = "/admin/managers/{user}/buildings", produces = MediaType.APPLICATION_JSON_VALUE)
    List<String> buildings(@PathVariable String user) {
        return assignments.buildings(user);
    }

    /** Assigns the buildings of the body (a JSON array of their IRIs); all or none. */
    @PostMapping(
            value = "/admin/managers/{user}/buildings",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> assign(@PathVariable String user, @RequestBody List<String> buildings) {
        BuildingAssignments.requireManager(accounts, user);
        List<String> added = assignments.assign(user, buildings);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("assigned", added);
        answer.put("buildings", assignments.buildings(user));
        return answer;
    }

    @DeleteMapping(value = "/admin/managers/{user}/buildings", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> unassign(@PathVariable String user, @RequestParam List<String> building) {
        List<String> removed = assignments.unassign(user, building);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("unassigned", removed);
        answer.put("buildings", assignments.buildings(user));
        return answer;
    }

    @ExceptionHandler(ManagerException.class)
    ResponseEntity<ProblemDetail> refused(ManagerException e) {
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }
}
