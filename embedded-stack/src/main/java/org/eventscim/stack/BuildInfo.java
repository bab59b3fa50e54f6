package org.eventscim.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions the build wrote into {@code stack.properties}, so the parent pom stays their one source. */
public final class BuildInfo {

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    /** The project version, which is also in the service jars' file names. */
    public static String projectVersion() {
        return PROPERTIES.getProperty("project.version");
    }

    /** The Elasticsearch server version whose distribution the build unpacks. */
    public static String elasticsearchVersion() {
        return PROPERTIES.getProperty("elasticsearch.version");
    }

    private static Properties load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/stack.properties")) {
            if (in == null) {
                throw new IllegalStateException("stack.properties is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
