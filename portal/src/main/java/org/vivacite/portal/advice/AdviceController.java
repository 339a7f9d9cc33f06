package org.vivacite.portal.advice;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vivacite.portal.identity.Identity;

/** {@code GET /me/advice}: the person's tips, each with the numbers that triggered it and its saving. */
@Controller
class AdviceController {

    private final Advice advice;
    private final MessageSource messages;
    private final AdviceProperties properties;

    AdviceController(Advice advice, MessageSource messages, AdviceProperties properties) {
        this.advice = advice;
        this.messages = messages;
        this.properties = properties;
    }

    /** A tip as the page says it. */
    record Shown(String title, String why, String what, String saving, String money) {}

    @GetMapping("/me/advice")
    String page(Authentication authentication, Model model, Locale locale) {
        List<Shown> tips = new ArrayList<>();
        for (Advice.Tip t : advice.of(Identity.of(authentication).subject())) {
            String unit = text("unit." + t.unit().substring(t.unit().lastIndexOf('/') + 1), locale);
            List<Object> why = new ArrayList<>();
            t.numbers().forEach(n -> why.add(number(n, 1, locale)));
            why.add(unit);
            String key = "advice." + t.kind();
            tips.add(new Shown(
                    text(key + ".title", locale, text("fluid." + t.fluid(), locale)),
                    text(key + ".why", locale, why.toArray()),
                    text(
                            key + ".what",
                            locale,
                            number(properties.heatingSavingPerDegree().movePointRight(2), 0, locale),
                            number(properties.hotWaterSaving().movePointRight(2), 0, locale)),
                    text("advice.amount", locale, number(t.saving(), 0, locale), unit, text(key + ".per", locale)),
                    t.euros() == null
                            ? null
                            : text(
                                    "advice.money",
                                    locale,
                                    number(t.euros(), 0, locale),
                                    number(t.kgCo2e(), 0, locale))));
        }
        model.addAttribute("tips", tips);
        return "advice";
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    private static String number(BigDecimal v, int decimals, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(v);
    }
}
