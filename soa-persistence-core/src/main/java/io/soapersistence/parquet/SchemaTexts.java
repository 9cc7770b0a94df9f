package io.soapersistence.parquet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.parquet.schema.MessageType;

/**
 * The text of a schema and its fingerprint, computed once per schema. Every write puts the fingerprint in its
 * footer and the text in its statistics, and rendering a schema and hashing it cost more CPU than writing the
 * footer of a small part. Keys are weak, so schemas of types no longer used are dropped; equal schemas share
 * an entry.
 */
final class SchemaTexts {

    private static final Map<MessageType, Texts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private SchemaTexts() {
    }

    private record Texts(String text, String fingerprint) {
    }

    /** {@code schema.toString()}. */
    static String text(MessageType schema) {
        return texts(schema).text();
    }

    /**
     * SHA-256 over the schema's canonical text (names, physical and logical types, repetition), so that two
     * files with the same columns in the same order share a fingerprint whatever wrote them.
     */
    static String fingerprint(MessageType schema) {
        return texts(schema).fingerprint();
    }

    private static Texts texts(MessageType schema) {
        Texts texts = CACHE.get(schema);
        if (texts == null) {
            String text = schema.toString();
            texts = new Texts(text, "sha256:" + HexFormat.of().formatHex(sha256(text)));
            CACHE.put(schema, texts);
        }
        return texts;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java platform must provide SHA-256", ex);
        }
    }
}
