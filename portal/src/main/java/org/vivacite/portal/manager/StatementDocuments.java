package org.vivacite.portal.manager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.springframework.context.MessageSource;

/**
 * A building's heating statements as files: the building summary and the statements in one CSV
 * (RFC 4180, machine-readable numbers), and one dwelling's statement as a PDF (Apache PDFBox), in
 * the reader's language ({@code i18n/heating*.properties}). A dwelling whose units are withheld has
 * none in either: the files are made from {@link HeatingStatements.Statements}, which holds none.
 */
final class StatementDocuments {

    /** The CSV's columns. */
    static final List<String> COLUMNS = List.of(
            "building",
            "from",
            "to",
            "device",
            "dwelling",
            "common_basis",
            "basis",
            "units",
            "coefficient",
            "common_eur",
            "variable_eur",
            "total_eur",
            "units_shown");

    /** The dwelling column of the CSV's last row, the building's summary. */
    static final String TOTAL = "total";

    private final MessageSource messages;

    StatementDocuments(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * One row per dwelling, then the building's: the sum of the keys and the cost, its common and
     * variable parts. A withheld dwelling's units are empty ({@code units_shown} false), and so are
     * the building's.
     */
    byte[] csv(HeatingStatements.Statements s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(
                        w,
                        CSVFormat.RFC4180
                                .builder()
                                .setHeader(COLUMNS.toArray(String[]::new))
                                .get())) {
            for (HeatingStatements.Statement d : s.statements()) {
                csv.printRecord(
                        s.building(),
                        s.from(),
                        s.to(),
                        s.device(),
                        d.key(),
                        s.commonBasis(),
                        d.basis().toPlainString(),
                        d.units() == null ? "" : d.units().toPlainString(),
                        d.coefficient().toPlainString(),
                        d.common().toPlainString(),
                        d.variable().toPlainString(),
                        d.total().toPlainString(),
                        !d.withheld());
            }
            csv.printRecord(
                    s.building(),
                    s.from(),
                    s.to(),
                    s.device(),
                    TOTAL,
                    s.commonBasis(),
                    s.basisTotal().toPlainString(),
                    "",
                    "",
                    s.commonCost().toPlainString(),
                    s.variableCost().toPlainString(),
                    s.cost().toPlainString(),
                    "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The statement of one dwelling, on an A4 page. */
    byte[] pdf(HeatingStatements.Statements s, HeatingStatements.Statement d, Locale locale) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"h", m("heating.pdf.title", locale)});
        lines.add(new String[] {"p", m("heating.pdf.building", locale, s.building())});
        lines.add(new String[] {"p", m("heating.pdf.dwelling", locale, d.key())});
        lines.add(new String[] {"p", m("heating.pdf.period", locale, s.from().toString(), s.to().toString())});
        lines.add(new String[] {"p", m("heating.pdf.cost", locale, eur(s.cost(), locale))});
        lines.add(new String[] {"p", ""});
        lines.add(new String[] {
            "p",
            m(
                    "heating.pdf.common",
                    locale,
                    percent(s.commonShare(), locale),
                    eur(s.commonCost(), locale),
                    m("heating.basis." + s.commonBasis(), locale),
                    number(d.basis(), locale),
                    number(s.basisTotal(), locale),
                    eur(d.common(), locale))
        });
        lines.add(new String[] {
            "p",
            d.withheld()
                    ? m(
                            "heating.pdf.variableWithheld",
                            locale,
                            percent(BigDecimal.ONE.subtract(s.commonShare()), locale),
                            eur(s.variableCost(), locale),
                            eur(d.variable(), locale))
                    : m(
                            "heating.pdf.variable",
                            locale,
                            percent(BigDecimal.ONE.subtract(s.commonShare()), locale),
                            eur(s.variableCost(), locale),
                            number(d.units(), locale),
                            m("heating.unit." + s.device(), locale),
                            number(d.coefficient(), locale),
                            eur(d.variable(), locale))
        });
        lines.add(new String[] {"p", ""});
        lines.add(new String[] {"b", m("heating.pdf.due", locale, eur(d.total(), locale))});
        lines.add(new String[] {"p", ""});
        if (d.withheld()) {
            lines.add(new String[] {"p", m("heating.withheld", locale)});
        }
        lines.add(new String[] {"p", m("heating.pdf.basis", locale)});
        try (PDDocument doc = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            doc.getDocumentInformation().setTitle(m("heating.pdf.title", locale) + " " + d.key());
            doc.getDocumentCatalog().setLanguage(locale.toLanguageTag());
            float margin = 56;
            float width = page.getMediaBox().getWidth() - 2 * margin;
            float y = page.getMediaBox().getHeight() - margin;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                for (String[] l : lines) {
                    PDType1Font font = l[0].equals("p") ? regular : bold;
                    float size = l[0].equals("h") ? 16 : 11;
                    for (String part : wrap(winAnsi(l[1]), font, size, width)) {
                        y -= size * 1.5f;
                        cs.beginText();
                        cs.setFont(font, size);
                        cs.newLineAtOffset(margin, y);
                        cs.showText(part);
                        cs.endText();
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String m(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    /** The text in lines no wider than {@code width}, broken between words. */
    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(next) / 1000 * size > width) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        out.add(line.toString());
        return out;
    }

    /**
     * The text in what the standard Type 1 fonts encode (WinAnsi): the spaces French puts in
     * numbers become plain ones, any other character they lack a question mark.
     */
    static String winAnsi(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == 0x202F || c == 0x00A0) {
                out.append(' ');
            } else if (c < 0x100 || "€‘’“”–—…•™ŒœŠšŸŽž".indexOf(c) >= 0) {
                out.appendCodePoint(c);
            } else {
                out.append('?');
            }
        });
        return out.toString();
    }

    static String eur(BigDecimal amount, Locale locale) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(locale));
        return winAnsi(f.format(amount)) + " €";
    }

    static String number(BigDecimal value, Locale locale) {
        DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(locale));
        return winAnsi(f.format(value));
    }

    static String percent(BigDecimal share, Locale locale) {
        return number(share.movePointRight(2), locale) + " %";
    }
}
