package org.vivacite.portal.pages;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: French first, English on request. A visitor's browser languages choose
 * between the two ({@code Accept-Language}), French when it names neither; {@code ?lang=en} or
 * {@code ?lang=fr} switches and is kept in a cookie for a year. The pages of this package come
 * with it (the application imports it beside {@code IdentityConfiguration}, whose chain gives them
 * the session).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class PagesConfiguration implements WebMvcConfigurer {

    static final List<Locale> LANGUAGES = List.of(Locale.FRENCH, Locale.ENGLISH);

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("vivacite-lang") {
            @Override
            public void setLocale(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response,
                    Locale locale) {
                if (locale == null || supported(locale) != null) {
                    super.setLocale(request, response, locale == null ? null : supported(locale));
                }
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setDefaultLocaleFunction(request -> fromBrowser(request.getHeader("Accept-Language")));
        return resolver;
    }

    /** The page language the browser prefers among ours, French when it names neither (or garbles the header). */
    static Locale fromBrowser(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.FRENCH;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return chosen == null ? Locale.FRENCH : chosen;
        } catch (IllegalArgumentException e) {
            return Locale.FRENCH;
        }
    }

    /** One of our languages for a locale ({@code en-GB} is English), or null. */
    private static Locale supported(Locale locale) {
        return LANGUAGES.stream()
                .filter(l -> l.getLanguage().equals(locale.getLanguage()))
                .findFirst()
                .orElse(null);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
