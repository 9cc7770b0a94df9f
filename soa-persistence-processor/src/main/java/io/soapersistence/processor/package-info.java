/**
 * The annotation processor behind {@code @io.soapersistence.SoA}.
 * <p>
 * For every record annotated with {@code @SoA} it writes a structure-of-arrays twin named after the record
 * plus {@code SoA}, in the record's package: one array per component (primitives stay unboxed), per-column
 * aggregates, and conversion to and from Apache Arrow. Anything the generated code could not handle is
 * reported as a compile error on the offending record or component, never deferred to run time.
 * <p>
 * The processor has no dependencies: it reads the annotations and names the API types by their qualified
 * names, so adding it to {@code annotationProcessorPaths} is enough.
 * <p>
 * Component names that would make a generated method ambiguous with a fixed member of the SoA type
 * ({@code get}, {@code size}, {@code add}, {@code filter}, {@code stream} and the like) are rejected rather
 * than renamed: a silent renaming would make the generated API unpredictable.
 */
package io.soapersistence.processor;
