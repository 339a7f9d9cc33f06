package org.vivacite.portal.pages.mydata;

import com.nimbusds.jose.JWSObject;
import jakarta.servlet.http.HttpServletResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vivacite.ingest.consent.Consent;
import org.vivacite.ingest.consent.ConsentException;
import org.vivacite.ingest.consent.Purpose;
import org.vivacite.portal.Enrolments;
import org.vivacite.portal.consent.ConsentReceipts;
import org.vivacite.portal.consent.PersonalConsents;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.personal.PersonalData;
import org.vivacite.portal.rights.AccessLog;
import org.vivacite.portal.rights.DwellingFacts;
import org.vivacite.portal.rights.Erasure;
import org.vivacite.portal.rights.RightsException;

/**
 * {@code /me/data}: the person's rights over their data as a page, without script, over the same
 * services as the personal API ({@code /api/me/consents}, {@code /api/me/export}…): their consents
 * (given and withdrawn with forms), the receipts of each change, the reads of their data by others
 * (the access log), the export, the rectification of their dwelling's facts and the erasure, which
 * asks for a confirmation first. A refused form comes back with status 400, its values and the
 * reason.
 */
@Controller
class MyDataController {

    /** The steps a fine-data consent is offered at on the page (those the personal API serves finer than a day). */
    static final List<String> FINE_STEPS = List.of("PT30M", "PT1H");

    private final PersonalConsents consents;
    private final ConsentReceipts receipts;
    private final DwellingFacts facts;
    private final AccessLog accessLog;
    private final Erasure erasure;
    private final Enrolments enrolments;
    private final ZoneId zone;
    private final Clock clock;

    MyDataController(
            PersonalConsents consents,
            ConsentReceipts receipts,
            DwellingFacts facts,
            AccessLog accessLog,
            Erasure erasure,
            Enrolments enrolments,
            PersonalData data,
            Clock clock) {
        this.consents = consents;
        this.receipts = receipts;
        this.facts = facts;
        this.accessLog = accessLog;
        this.erasure = erasure;
        this.enrolments = enrolments;
        this.zone = data.zone();
        this.clock = clock;
    }

    /** A consent as the page lists it: dates are local days. */
    record ConsentRow(
            String id, String purpose, String step, LocalDate from, LocalDate until, String status, boolean person) {}

    /** A receipt as the page lists it: what changed, when, and of which purpose. */
    record ReceiptRow(String id, String event, LocalDateTime at, String purpose) {}

    /** A read of the person's data by someone else. */
    record AccessRow(LocalDateTime at, String who, String role, String what, String why) {}

    @GetMapping("/me/data")
    String page(Authentication authentication, Locale locale, Model model) {
        fill(Identity.of(authentication).subject(), locale, model);
        return "mydata";
    }

    @PostMapping("/me/data/consents")
    String give(
            Authentication authentication,
            Locale locale,
            @RequestParam(required = false) String purpose,
            @RequestParam(required = false) String step,
            @RequestParam(required = false) String dwelling,
            @RequestParam(required = false) String until,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String subject = Identity.of(authentication).subject();
        try {
            Purpose p = Purpose.of(purpose);
            Duration d = null;
            if (p == Purpose.FINE_DATA) {
                if (step == null || !FINE_STEPS.contains(step)) {
                    throw new ConsentException("step: '" + step + "' is none of " + FINE_STEPS);
                }
                d = Duration.parse(step);
            }
            Instant end = until == null || until.isBlank() ? null : day("until", until);
            consents.give(subject, blankToNull(dwelling), p, d, null, end);
        } catch (ConsentException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("consentError", e.getMessage());
            model.addAttribute(
                    "given",
                    Map.of(
                            "purpose",
                            String.valueOf(purpose),
                            "step",
                            String.valueOf(step),
                            "until",
                            until == null ? "" : until));
            fill(subject, locale, model);
            return "mydata";
        }
        redirect.addFlashAttribute("done", "mydata.done.given");
        return "redirect:/me/data";
    }

    @PostMapping("/me/data/consents/{id}/withdraw")
    String withdraw(
            Authentication authentication,
            Locale locale,
            @PathVariable String id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String subject = Identity.of(authentication).subject();
        if (consents.withdraw(subject, id).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("consentError", "consent: you have no consent '" + id + "' to withdraw");
            fill(subject, locale, model);
            return "mydata";
        }
        redirect.addFlashAttribute("done", "mydata.done.withdrawn");
        return "redirect:/me/data";
    }

    @PostMapping("/me/data/dwelling")
    String rectify(
            Authentication authentication,
            Locale locale,
            @RequestParam(required = false) String dwelling,
            @RequestParam(required = false) String floorArea,
            @RequestParam(required = false) String heatingSystem,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String subject = Identity.of(authentication).subject();
        try {
            facts.rectify(subject, blankToNull(dwelling), blankToNull(floorArea), blankToNull(heatingSystem));
        } catch (RightsException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("factsError", e.getMessage());
            model.addAttribute(
                    "rectified",
                    Map.of(
                            "dwelling", String.valueOf(dwelling),
                            "floorArea", floorArea == null ? "" : floorArea,
                            "heatingSystem", heatingSystem == null ? "" : heatingSystem));
            fill(subject, locale, model);
            return "mydata";
        }
        redirect.addFlashAttribute("done", "mydata.done.rectified");
        return "redirect:/me/data";
    }

    /** The erasure's confirmation step: what goes, what stays, and the one button that erases. */
    @GetMapping("/me/data/erasure")
    String confirmErasure(Authentication authentication, Model model) {
        model.addAttribute(
                "enrolled",
                !enrolments
                        .of(Identity.of(authentication).subject(), clock.instant())
                        .isEmpty());
        return "mydata-erasure";
    }

    @PostMapping("/me/data/erasure")
    String erase(
            Authentication authentication,
            @RequestParam(required = false) String confirm,
            Model model,
            HttpServletResponse response) {
        String subject = Identity.of(authentication).subject();
        try {
            model.addAttribute("erased", erasure.erase(subject, null, confirm));
        } catch (RightsException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("erasureError", e.getMessage());
        }
        model.addAttribute("enrolled", !enrolments.of(subject, clock.instant()).isEmpty());
        return "mydata-erasure";
    }

    private void fill(String subject, Locale locale, Model model) {
        Instant now = clock.instant();
        List<Enrolments.Enrolment> mine = enrolments.of(subject, now);
        List<Consent> list = consents.list(subject);
        Map<String, Consent> byId = list.stream().collect(Collectors.toMap(Consent::id, Function.identity()));
        model.addAttribute("enrolled", !mine.isEmpty());
        model.addAttribute(
                "dwellings",
                mine.stream().map(Enrolments.Enrolment::dwelling).distinct().toList());
        model.addAttribute(
                "consents",
                list.stream()
                        .map(c -> new ConsentRow(
                                c.id(),
                                c.purpose().id(),
                                c.purpose() == Purpose.FINE_DATA ? c.step().toString() : null,
                                local(c.from()),
                                local(c.until()),
                                c.status(now),
                                !c.fromRegistry()))
                        .toList());
        List<ReceiptRow> issued = new ArrayList<>(receipts.issuedTo(subject).stream()
                .map(r -> receipt(r, byId, zone))
                .toList());
        Collections.reverse(issued); // newest first
        model.addAttribute("receipts", issued);
        model.addAttribute(
                "reads",
                mine.stream()
                        .flatMap(e -> accessLog.of(List.of(e.dwelling()), e.from()).stream())
                        .distinct()
                        .map(e -> new AccessRow(
                                localTime(e.at()), e.reader().name(), e.reader().role(), e.what(), e.why()))
                        .toList());
        model.addAttribute("facts", facts.of(subject));
        model.addAttribute("heatingSystems", facts.heatingSystems(locale.getLanguage()));
        model.addAttribute(
                "purposes", Arrays.stream(Purpose.values()).map(Purpose::id).toList());
        model.addAttribute("steps", FINE_STEPS);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("published", Erasure.PUBLISHED);
    }

    /** A receipt's event and time, from its signed claims. */
    private static ReceiptRow receipt(ConsentReceipts.Receipt r, Map<String, Consent> consents, ZoneId zone) {
        String event = null;
        Instant at = null;
        try {
            Map<String, Object> claims = JWSObject.parse(r.jws()).getPayload().toJSONObject();
            event = claims.get("event") instanceof String s ? s : null;
            at = claims.get("iat") instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
        } catch (ParseException e) {
            // a receipt the platform signed always parses; one that does not is listed without them
        }
        Consent c = consents.get(r.consentId());
        return new ReceiptRow(
                r.id(),
                event,
                at == null ? null : at.atZone(zone).toLocalDateTime(),
                c == null ? null : c.purpose().id());
    }

    private LocalDateTime localTime(Instant t) {
        return t.atZone(zone).toLocalDateTime();
    }

    private LocalDate local(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** A day given as {@code yyyy-MM-dd}: its local start. */
    private Instant day(String field, String value) {
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConsentException(field + ": '" + value + "' is not a day (2027-05-01)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
