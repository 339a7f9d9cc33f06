package org.vivacite.portal.advice;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.vivacite.portal.identity.Identity;
import org.vivacite.portal.money.Billing;

/** {@code GET /me/advice}: the person's tips, each with the numbers that triggered it and its saving. */
@Controller
class AdviceController {

    private final Advice advice;
    private final MessageSource messages;
    private final AdviceProperties properties;
    private final ObjectProvider<Billing> billing;

    AdviceController(
            Advice advice, MessageSource messages, AdviceProperties properties, ObjectProvider<Billing> billing) {
        this.advice = advice;
        this.messages = messages;
        this.properties = properties;
        this.billing = billing;
    }

    /** A tip as the page says it. */
    record Shown(String title, String why, String what, String saving, String money) {}

    @GetMapping("/me/advice")
    String page(Authentication authentication, Model model, Locale locale) {
        List<Shown> tips = new ArrayList<>();
        for (Advice.Tip t : advice.of(Identity.of(authentication).subject())) {
            String unit = text("unit." + t.unit().substring(t.unit().lastIndexOf('/') + 1), locale);
            List<Object> why = new ArrayList<>();
            t.numbers().forEach(n -> why.add(number(n, 0, 1, locale)));
            why.add(unit);
            String key = "advice." + t.kind();
            tips.add(new Shown(
                    text(key + ".title", locale, text("fluid." + t.fluid(), locale)),
                    text(key + ".why", locale, why.toArray()),
                    text(
                            key + ".what",
                            locale,
                            number(properties.heatingSavingPerDegree().movePointRight(2), 0, locale),
                            number(properties.hotWaterSaving().movePointRight(2), 0, locale),
                            number(properties.shiftableShare().movePointRight(2), 0, locale),
                            properties.shiftableSource(),
                            number(properties.districtMargin().movePointRight(2), 0, locale)),
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
        Billing b = billing.getIfAvailable();
        model.addAttribute(
                "option",
                b == null
                        ? null
                        : text(
                                "advice.option",
                                locale,
                                text(
                                        "advice.option."
                                                + b.tariffs().option().name().toLowerCase(Locale.ROOT),
                                        locale)));
        model.addAttribute(
                "howMore",
                text(
                        "advice.how.more",
                        locale,
                        number(properties.shiftableShare().movePointRight(2), 0, locale),
                        properties.shiftableSource(),
                        number(properties.districtMargin().movePointRight(2), 0, locale)));
        return "advice";
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    private static String number(BigDecimal v, int decimals, Locale locale) {
        return number(v, decimals, decimals, locale);
    }

    private static String number(BigDecimal v, int least, int most, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(least);
        f.setMaximumFractionDigits(most);
        return f.format(v);
    }
}
