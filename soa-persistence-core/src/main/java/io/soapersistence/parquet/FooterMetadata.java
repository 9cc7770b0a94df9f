package io.soapersistence.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.parquet.schema.MessageType;

/**
 * The key-value entries soa-persistence writes into every footer: which SoA type wrote the file, a
 * fingerprint of its column schema, and the library version. Other engines ignore them.
 */
final class FooterMetadata {

    static final String TYPE_KEY = "soa.persistence.type";

    static final String FINGERPRINT_KEY = "soa.persistence.schema.fingerprint";

    static final String VERSION_KEY = "soa.persistence.version";

    static final String LIBRARY_VERSION = readVersion();

    private FooterMetadata() {
    }

    /**
     * The entries for a file written by {@code type} with {@code schema}, on top of {@code existing} ones kept
     * from the file being appended to.
     */
    static Map<String, String> entries(Class<?> type, MessageType schema, Map<String, String> existing) {
        Map<String, String> entries = new LinkedHashMap<>(existing);
        entries.put(TYPE_KEY, type.getName());
        entries.put(FINGERPRINT_KEY, fingerprint(schema));
        entries.put(VERSION_KEY, LIBRARY_VERSION);
        return entries;
    }

    /** The schema's fingerprint, as {@link SchemaTexts#fingerprint} computes it. */
    static String fingerprint(MessageType schema) {
        return SchemaTexts.fingerprint(schema);
    }

    private static String readVersion() {
        try (InputStream in = FooterMetadata.class.getResourceAsStream("soa-persistence.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (IOException ex) {
            return "unknown";
        }
    }
}
