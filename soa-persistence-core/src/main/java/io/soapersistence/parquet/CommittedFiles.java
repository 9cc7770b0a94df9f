package io.soapersistence.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * The committed data files of a dataset, opened together so that a reader sees one consistent version: an
 * open file survives the rename or delete of a concurrent writer. When a writer deletes a listed file before
 * it was opened, the listing is simply taken again.
 */
final class CommittedFiles implements AutoCloseable, Iterable<CommittedFiles.Opened> {

    private static final int ATTEMPTS = 20;

    private final List<Opened> files;

    private CommittedFiles(List<Opened> files) {
        this.files = files;
    }

    /** One open data file with its parsed footer, and a stat of its path taken before it was opened. */
    record Opened(Path path, BasicFileAttributes attributes, ChannelInputFile input, ParquetFileReader reader) {
    }

    static CommittedFiles open(DatasetDirectory directory, Layout layout,
            Function<ChannelInputFile, ParquetFileReader> readers) throws IOException {
        for (int attempt = 1;; attempt++) {
            List<Path> paths = directory.committedFiles(layout);
            List<Opened> opened = new ArrayList<>(paths.size());
            try {
                for (Path path : paths) {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    ChannelInputFile input = ChannelInputFile.open(path);
                    try {
                        opened.add(new Opened(path, attributes, input, readers.apply(input)));
                    }
                    catch (RuntimeException ex) {
                        input.close();
                        throw ex;
                    }
                }
                return new CommittedFiles(opened);
            }
            catch (NoSuchFileException ex) {
                closeAll(opened);
                if (layout == Layout.SINGLE_FILE) {
                    return new CommittedFiles(List.of());
                }
                if (attempt == ATTEMPTS) {
                    throw ex;
                }
            }
            catch (IOException | RuntimeException ex) {
                closeAll(opened);
                throw ex;
            }
        }
    }

    boolean isEmpty() {
        return this.files.isEmpty();
    }

    long rows() {
        long rows = 0;
        for (Opened file : this.files) {
            rows += file.reader().getRecordCount();
        }
        return rows;
    }

    List<DatasetInfo> infos() throws IOException {
        List<DatasetInfo> infos = new ArrayList<>(this.files.size());
        for (Opened file : this.files) {
            DatasetInfo info = DatasetInfo.of(file.path(), file.reader().getFooter(), file.input().getLength());
            FooterCache.rememberIfUnchanged(file.path(), info, file.attributes());
            infos.add(info);
        }
        return infos;
    }

    @Override
    public Iterator<Opened> iterator() {
        return this.files.iterator();
    }

    @Override
    public void close() throws IOException {
        closeAll(this.files);
    }

    private static void closeAll(List<Opened> files) throws IOException {
        IOException failure = null;
        for (Opened file : files) {
            try {
                if (file.reader() != null) {
                    file.reader().close();
                }
                file.input().close();
            }
            catch (IOException ex) {
                failure = (failure == null) ? ex : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
