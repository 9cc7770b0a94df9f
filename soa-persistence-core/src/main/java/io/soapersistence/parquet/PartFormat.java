package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

import org.apache.parquet.schema.MessageType;

/**
 * The schema and codec of one part of the multi-file layout, with the identity of the file they were read or
 * written from. An append continues the newest part's format; knowing it from the part this instance just
 * wrote spares every append a footer read, as long as a stat shows the part is still that file.
 */
record PartFormat(Path file, Identity identity, MessageType schema, Compression codec) {

    /** The inode, size and modification time that tell a file from any file later renamed to its name. */
    record Identity(Object fileKey, long size, FileTime modified) {

        static Identity of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Identity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        }
    }

    /** The format of a part just written, or {@code null} if the part cannot be identified. */
    static PartFormat of(Path part, MessageType schema, Compression codec) {
        try {
            Identity identity = Identity.of(part);
            return (identity.fileKey() == null) ? null : new PartFormat(part, identity, schema, codec);
        }
        catch (IOException ex) {
            return null;
        }
    }

    /** {@code known} if {@code newest} is still the file it describes, otherwise {@code null}. */
    static PartFormat ifUnchanged(PartFormat known, Path newest) {
        if (known == null || known.identity() == null || !known.file().equals(newest)) {
            return null;
        }
        try {
            return Objects.equals(known.identity(), Identity.of(newest)) ? known : null;
        }
        catch (IOException ex) {
            return null;
        }
    }
}
