package io.soapersistence.parquet;

import org.apache.parquet.schema.MessageType;

/**
 * The first row group of an append, encoded on the column pool while the append takes
 * the write lock, cleans up, lists the dataset and opens its file. Those steps take a fraction of a millisecond
 * each but leave the cores idle; a 20,000-row append into the multi-file layout takes a few milliseconds in
 * all. An append to the single file gets one only when its spare copy looks usable: one that copies the whole
 * file is bound by the disk, and the copy must start first.
 * <p>
 * The rows are encoded for the format the append expects to continue. If the stored format turns out to be
 * another, the head start is dropped and the rows are encoded again in the stored format.
 */
final class HeadStart {

    private final MessageType schema;

    private final Compression codec;

    private final ExportedColumns columns;

    private EncodedRowGroup rowGroup;

    HeadStart(MessageType schema, Compression codec, ExportedColumns columns, EncodedRowGroup rowGroup) {
        this.schema = schema;
        this.codec = codec;
        this.columns = columns;
        this.rowGroup = rowGroup;
    }

    /** The columns of the batch whose first row group is under way. */
    ExportedColumns columns() {
        return this.columns;
    }

    /**
     * The row group, if it is being encoded for {@code schema} and {@code codec} and was not taken before;
     * otherwise {@code null}.
     */
    EncodedRowGroup take(MessageType schema, Compression codec) {
        if (this.rowGroup == null || !this.schema.equals(schema) || !this.codec.equals(codec)) {
            return null;
        }
        EncodedRowGroup taken = this.rowGroup;
        this.rowGroup = null;
        return taken;
    }

    /** Drops the row group unless it was taken. */
    void discard() {
        if (this.rowGroup != null) {
            this.rowGroup.discard();
            this.rowGroup = null;
        }
    }
}
