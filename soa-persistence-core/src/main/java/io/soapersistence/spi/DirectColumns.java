package io.soapersistence.spi;

import io.soapersistence.ToArrow;

/**
 * A structure of arrays that hands its column arrays to a storage engine and adopts arrays the engine filled.
 * Generated SoA types implement it; the engine then skips the Arrow conversion that {@link ToArrow} needs.
 * <p>
 * Column indexes are positions in {@link #arrowSchema()}. The physical values are those of the Arrow field:
 * epoch microseconds for timestamps, microseconds of the day for times, epoch days for dates.
 *
 * @param <T> the implementing type itself
 */
public interface DirectColumns<T extends DirectColumns<T>> extends ToArrow<T> {

    /**
     * Passes every column, in schema order, to {@code sink}. The arrays are this instance's own storage and may
     * be longer than {@link #size()}; the sink reads the first {@code size()} values and neither keeps nor
     * modifies them.
     *
     * @param sink the engine's receiver
     */
    void exportColumns(ColumnSink sink);

    /**
     * Builds a new instance that adopts the arrays of {@code source} as its storage, without copying.
     *
     * @param source the engine's decoded columns, each exactly {@link ColumnSource#size()} long
     * @return a new instance of {@code source.size()} rows
     */
    T importColumns(ColumnSource source);
}
