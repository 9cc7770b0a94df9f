package io.soapersistence.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * SHA-256 over the schema's canonical text (names, physical and logical types, repetition), so that two
     * files with the same columns in the same order share a fingerprint whatever wrote them.
     */
    static String fingerprint(MessageType schema) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest(schema.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform must provide SHA-256", ex);
        }
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
