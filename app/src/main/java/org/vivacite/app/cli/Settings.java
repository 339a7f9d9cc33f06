package org.vivacite.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The server's settings for commands that do not start the server: the same sources in the same
 * order (--key=value, VIVACITE_* variables, application.yml), bound without an application context,
 * so a command changes nothing global such as logging.
 */
final class Settings {

    private Settings() {}

    static <T> T bind(Path data, List<String> args, String prefix, Class<T> type) {
        List<String> all = new ArrayList<>(args);
        all.add("--vivacite.data=" + data);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(all.toArray(String[]::new)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return Binder.get(environment).bindOrCreate(prefix, Bindable.of(type));
    }
}
