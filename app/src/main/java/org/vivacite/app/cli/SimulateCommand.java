package org.vivacite.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vivacite.simulator.DemoCity;
import org.vivacite.simulator.WireFormat;
import org.vivacite.simulator.city.Simulation;
import org.vivacite.simulator.feed.CoapFeed;
import org.vivacite.simulator.feed.FeedSink;
import org.vivacite.simulator.feed.HttpFeed;
import org.vivacite.simulator.feed.MqttFeed;
import org.vivacite.simulator.feed.RatePacer;
import org.vivacite.simulator.output.LiveFeed;
import org.vivacite.simulator.output.SimulationFolder;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vivacite simulate}: the demo city's territory, registry and readings, to files or live. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Simulate the demo city: a territory, its meters and their readings in the real wire formats.",
            "With --out, write the territory's files in the national formats (territory/, for 'territory import'),",
            "meters.csv, keys.csv and the readings of a period into a folder; with --to-url, --mqtt or --coap, send",
            "live readings to a running platform, each once its time has come."
        },
        footer = {
            "",
            "The same --seed, --households, --from, --to and --step always give the same bytes (docs/simulator.md)."
        })
public final class SimulateCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Target {
        @Option(names = "--out", paramLabel = "DIR", description = "Write into this new or empty folder.")
        Path out;

        @Option(
                names = "--to-url",
                paramLabel = "URL",
                description = "POST each delivery to URL/ingest/{format} with the gateway token.")
        URI url;

        @Option(
                names = "--mqtt",
                paramLabel = "URL",
                description =
                        "Publish each delivery to vivacite/ingest/{format}/{gateway} on this broker (tcp://host:1883).")
        String mqtt;

        @Option(
                names = "--coap",
                paramLabel = "URI",
                description = "POST SenML and wM-Bus deliveries to URI/ingest/{senml|wmbus} (coap://host:5683).")
        URI coap;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of everything generated (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--households",
            defaultValue = "" + DemoCity.DEFAULT_HOUSEHOLDS,
            description = "Number of dwellings, at least 30 (default: ${DEFAULT-VALUE}, about 200 buildings).")
    int households;

    @Option(names = "--from", paramLabel = "DATE", description = "First simulated day (default: 7 days before --to).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            description =
                    "Day after the last simulated day (default: today; live feeds without --to run until stopped).")
    String to;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            description =
                    "Time between two readings of a device, a multiple of PT30M (default: P1D to files, PT30M live).")
    Duration step;

    @Option(
            names = "--format",
            split = ",",
            paramLabel = "FORMAT",
            description = "Wire formats to produce: wmbus, tic, senml, csv, dataconnect (default: all).")
    List<String> formats;

    @Option(
            names = "--rate",
            paramLabel = "N/s",
            defaultValue = "50/s",
            description = "Live deliveries per second (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(
            names = "--gateway",
            defaultValue = "default",
            description = {
                "Gateway id of live deliveries over MQTT and CoAP (over HTTP, the token's gateway), and the one",
                "meters.csv lets report the devices (default: ${DEFAULT-VALUE})."
            })
    String gateway;

    @Option(
            names = "--token",
            defaultValue = "${env:VIVACITE_GATEWAY_TOKEN}",
            description = "The gateway's bearer token for --to-url and --mqtt (default: $VIVACITE_GATEWAY_TOKEN).")
    String token;

    @Override
    public Integer call() throws IOException, InterruptedException {
        LocalDate end = to == null ? null : date("--to", to);
        boolean live = target.out == null;
        LocalDate last = end != null ? end : LocalDate.now(DemoCity.ZONE);
        LocalDate start = from != null ? date("--from", from) : (live && end == null ? last : last.minusDays(7));
        if (end != null && !start.isBefore(end)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--from " + start + " must come before --to " + end);
        }
        Set<WireFormat> chosen = formats();
        Duration every = step != null ? step : live ? Duration.ofMinutes(30) : Duration.ofDays(1);
        if (every.isNegative() || every.isZero() || every.toSeconds() % 1800 != 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--step " + every + " must be a multiple of 30 minutes (PT30M, PT1H, P1D, …)");
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        DemoCity city;
        try {
            LocalDate replacement =
                    end == null ? null : start.plusDays(Math.max(1, (end.toEpochDay() - start.toEpochDay()) / 2));
            city = DemoCity.generate(seed, households, start, replacement);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--households: " + e.getMessage());
        }
        if (!live) {
            long readings = SimulationFolder.write(city, target.out, end != null ? end : last, every, chosen, gateway);
            out.printf(
                    "Wrote %d readings of %d devices (%d buildings, %d dwellings) from %s to %s into %s in %.1f s%n",
                    readings,
                    city.fleet().meters().size(),
                    city.territory().buildings().size(),
                    city.territory().dwellings().size(),
                    start,
                    end != null ? end : last,
                    target.out,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        }
        if (target.coap != null) {
            chosen.retainAll(EnumSet.of(WireFormat.SENML, WireFormat.WMBUS));
            if (chosen.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--coap carries only senml and wmbus");
            }
        }
        try (FeedSink sink = sink()) {
            // nothing before its time: the platform refuses readings from the future
            LiveFeed feed = new LiveFeed(
                    sink,
                    new RatePacer(rate()),
                    chosen,
                    seed,
                    sent -> {
                        out.printf("%d deliveries sent%n", sent);
                        out.flush();
                    },
                    Clock.systemUTC());
            Simulation simulation = city.simulation();
            out.printf(
                    "Sending the readings of %d devices from %s (%s) at %s to %s%n",
                    city.fleet().meters().size(), start, every, rate, describeTarget());
            out.flush();
            if (end != null) {
                simulation.run(start, end, every, feed);
            } else {
                for (LocalDate day = start; ; day = day.plusDays(1)) {
                    simulation.run(day, day.plusDays(1), every, feed);
                }
            }
            feed.finish();
            out.printf("Sent %d deliveries in %.1f s%n", feed.sent(), (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    private FeedSink sink() {
        if (target.url != null) {
            if (token == null || token.isBlank()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--to-url needs the gateway's token: --token or VIVACITE_GATEWAY_TOKEN");
            }
            return new HttpFeed(target.url, token);
        }
        if (target.mqtt != null) {
            return new MqttFeed(target.mqtt, gateway, token == null || token.isBlank() ? null : token);
        }
        return new CoapFeed(target.coap, CoapFeed.DEFAULT_TIMEOUT, gateway);
    }

    private String describeTarget() {
        return target.url != null ? target.url.toString() : target.mqtt != null ? target.mqtt : target.coap.toString();
    }

    private Set<WireFormat> formats() {
        if (formats == null || formats.isEmpty()) {
            return EnumSet.allOf(WireFormat.class);
        }
        Set<WireFormat> chosen = EnumSet.noneOf(WireFormat.class);
        for (String f : formats) {
            try {
                chosen.add(WireFormat.of(f.trim()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
            }
        }
        return chosen;
    }

    private double rate() {
        String r = rate.endsWith("/s") ? rate.substring(0, rate.length() - 2) : rate;
        try {
            double perSecond = Double.parseDouble(r);
            if (perSecond > 0 && Double.isFinite(perSecond)) {
                return perSecond;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "--rate '" + rate + "' is not a positive number of deliveries per second, such as 20/s");
    }

    private LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), option + " '" + value + "' is not a date such as 2026-01-15");
        }
    }
}
