package io.soapersistence.parquet;

import java.util.Locale;
import java.util.Objects;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The codec, and for GZIP, ZSTD and BROTLI its level, used for the pages of newly written files.
 * <p>
 * {@code LZ4} writes Parquet's {@code LZ4_RAW}, the framing every current reader understands; the older
 * Hadoop-framed LZ4 is neither written nor needed.
 *
 * @param codec the codec
 * @param level the codec level, or {@link #DEFAULT_LEVEL} for the codec's own default
 */
public record Compression(Codec codec, int level) {

    /** Marks "use the codec's default level". */
    public static final int DEFAULT_LEVEL = Integer.MIN_VALUE;

    /** The default: SNAPPY, fast with a moderate ratio. */
    public static final Compression DEFAULT = snappy();

    /** The six codecs of the contract. */
    public enum Codec {
        /** Fast, moderate ratio; the default. */
        SNAPPY(CompressionCodecName.SNAPPY, DEFAULT_LEVEL, DEFAULT_LEVEL, DEFAULT_LEVEL),
        /** Good ratio, slow writes; levels 1 to 9, default 6. */
        GZIP(CompressionCodecName.GZIP, 1, 9, 6),
        /** Best ratio at SNAPPY-like speed; levels 1 to 22, default 3. */
        ZSTD(CompressionCodecName.ZSTD, 1, 22, 3),
        /** Very fast; written as LZ4_RAW. */
        LZ4(CompressionCodecName.LZ4_RAW, DEFAULT_LEVEL, DEFAULT_LEVEL, DEFAULT_LEVEL),
        /** High ratio, slower; levels 0 to 11, default 4. */
        BROTLI(CompressionCodecName.BROTLI, 0, 11, 4),
        /** No compression. */
        UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED, DEFAULT_LEVEL, DEFAULT_LEVEL, DEFAULT_LEVEL);

        private final CompressionCodecName parquetName;

        private final int minLevel;

        private final int maxLevel;

        private final int defaultLevel;

        Codec(CompressionCodecName parquetName, int minLevel, int maxLevel, int defaultLevel) {
            this.parquetName = parquetName;
            this.minLevel = minLevel;
            this.maxLevel = maxLevel;
            this.defaultLevel = defaultLevel;
        }

        CompressionCodecName parquetName() {
            return this.parquetName;
        }

        /**
         * Whether this codec takes a level.
         *
         * @return {@code true} for GZIP, ZSTD and BROTLI
         */
        public boolean hasLevels() {
            return this.defaultLevel != DEFAULT_LEVEL;
        }

        /**
         * The lowest level accepted.
         *
         * @return the minimum level, or {@link #DEFAULT_LEVEL} when the codec has no levels
         */
        public int minLevel() {
            return this.minLevel;
        }

        /**
         * The highest level accepted.
         *
         * @return the maximum level, or {@link #DEFAULT_LEVEL} when the codec has no levels
         */
        public int maxLevel() {
            return this.maxLevel;
        }

        /**
         * The level used when none is given.
         *
         * @return the default level, or {@link #DEFAULT_LEVEL} when the codec has no levels
         */
        public int defaultLevel() {
            return this.defaultLevel;
        }

        static Codec of(CompressionCodecName name) {
            for (Codec codec : values()) {
                if (codec.parquetName == name) {
                    return codec;
                }
            }
            return (name == CompressionCodecName.LZ4) ? LZ4 : null;
        }
    }

    /**
     * Validates the level against the codec.
     *
     * @param codec the codec
     * @param level the level, or {@link #DEFAULT_LEVEL}
     * @throws IllegalArgumentException if the codec takes no level but one is given, or the level is out of range
     */
    public Compression {
        Objects.requireNonNull(codec, "codec");
        if (level != DEFAULT_LEVEL) {
            if (!codec.hasLevels()) {
                throw new IllegalArgumentException(codec + " takes no compression level, but " + level + " was given");
            }
            if (level < codec.minLevel || level > codec.maxLevel) {
                throw new IllegalArgumentException(codec + " level must be between " + codec.minLevel + " and "
                        + codec.maxLevel + ", but was " + level);
            }
        }
    }

    /**
     * SNAPPY.
     *
     * @return the SNAPPY setting
     */
    public static Compression snappy() {
        return new Compression(Codec.SNAPPY, DEFAULT_LEVEL);
    }

    /**
     * GZIP at its default level (6).
     *
     * @return the GZIP setting
     */
    public static Compression gzip() {
        return new Compression(Codec.GZIP, DEFAULT_LEVEL);
    }

    /**
     * GZIP at a given level.
     *
     * @param level 1 (fastest) to 9 (smallest)
     * @return the GZIP setting
     */
    public static Compression gzip(int level) {
        return new Compression(Codec.GZIP, level);
    }

    /**
     * ZSTD at its default level (3).
     *
     * @return the ZSTD setting
     */
    public static Compression zstd() {
        return new Compression(Codec.ZSTD, DEFAULT_LEVEL);
    }

    /**
     * ZSTD at a given level.
     *
     * @param level 1 (fastest) to 22 (smallest)
     * @return the ZSTD setting
     */
    public static Compression zstd(int level) {
        return new Compression(Codec.ZSTD, level);
    }

    /**
     * LZ4, written as Parquet's LZ4_RAW.
     *
     * @return the LZ4 setting
     */
    public static Compression lz4() {
        return new Compression(Codec.LZ4, DEFAULT_LEVEL);
    }

    /**
     * BROTLI at its default level (4).
     *
     * @return the BROTLI setting
     */
    public static Compression brotli() {
        return new Compression(Codec.BROTLI, DEFAULT_LEVEL);
    }

    /**
     * BROTLI at a given level.
     *
     * @param level 0 (fastest) to 11 (smallest)
     * @return the BROTLI setting
     */
    public static Compression brotli(int level) {
        return new Compression(Codec.BROTLI, level);
    }

    /**
     * No compression.
     *
     * @return the UNCOMPRESSED setting
     */
    public static Compression uncompressed() {
        return new Compression(Codec.UNCOMPRESSED, DEFAULT_LEVEL);
    }

    /**
     * Parses a codec name as written in configuration, case-insensitively: {@code snappy}, {@code gzip},
     * {@code zstd}, {@code lz4} (or {@code lz4_raw}), {@code brotli}, {@code uncompressed} (or {@code none}).
     *
     * @param codec the codec name
     * @param level the level, or {@link #DEFAULT_LEVEL}
     * @return the setting
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static Compression parse(String codec, int level) {
        String name = codec.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        Codec parsed = switch (name) {
            case "LZ4_RAW" -> Codec.LZ4;
            case "NONE" -> Codec.UNCOMPRESSED;
            default -> {
                try {
                    yield Codec.valueOf(name);
                }
                catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("unknown compression codec '" + codec
                            + "'; expected one of snappy, gzip, zstd, lz4, brotli, uncompressed", ex);
                }
            }
        };
        return new Compression(parsed, level);
    }

    /**
     * The level in effect: the given one, or the codec's default.
     *
     * @return the effective level, or {@link #DEFAULT_LEVEL} when the codec has no levels
     */
    public int effectiveLevel() {
        return (this.level != DEFAULT_LEVEL) ? this.level : this.codec.defaultLevel;
    }

    @Override
    public String toString() {
        return this.codec.hasLevels() ? this.codec + "(" + effectiveLevel() + ")" : this.codec.toString();
    }
}
