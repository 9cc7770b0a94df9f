package io.soapersistence.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;

/**
 * Conversions between the time units of Parquet columns and of Arrow fields, for files whose timestamps or
 * times use another unit than the SoA type, and for the legacy INT96 timestamps of Spark and Impala.
 */
final class TimeUnits {

    /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day part. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    static final long NANOS_PER_SECOND = 1_000_000_000L;

    private TimeUnits() {
    }

    static long perSecond(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 1_000L;
            case MICROS -> 1_000_000L;
            case NANOS -> NANOS_PER_SECOND;
        };
    }

    static long perSecond(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 1L;
            case MILLISECOND -> 1_000L;
            case MICROSECOND -> 1_000_000L;
            case NANOSECOND -> NANOS_PER_SECOND;
        };
    }

    /** Converts between units, flooring so that instants before the epoch round the same way as after it. */
    static long rescale(long value, long fromPerSecond, long toPerSecond) {
        if (fromPerSecond == toPerSecond) {
            return value;
        }
        if (fromPerSecond < toPerSecond) {
            return Math.multiplyExact(value, toPerSecond / fromPerSecond);
        }
        return Math.floorDiv(value, fromPerSecond / toPerSecond);
    }

    /** Nanoseconds since the epoch of an INT96 timestamp: nanoseconds of the day, then the Julian day. */
    static long int96Nanos(Binary binary) {
        ByteBuffer buffer = binary.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = Integer.toUnsignedLong(buffer.getInt());
        return Math.addExact(Math.multiplyExact(julianDay - JULIAN_EPOCH_DAY, NANOS_PER_DAY), nanosOfDay);
    }
}
