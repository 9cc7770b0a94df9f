package io.soapersistence.processor;

import java.util.List;

/**
 * A validated {@code @SoA} record.
 *
 * @param packageName the package of the record and of the generated class, empty for the unnamed package
 * @param recordType the record's canonical name
 * @param soaName the simple name of the generated class
 * @param components the components, in declaration order
 */
record RecordModel(String packageName, String recordType, String soaName, List<ComponentModel> components) {

    /** The generated class's qualified name. */
    String soaQualifiedName() {
        return this.packageName.isEmpty() ? this.soaName : this.packageName + "." + this.soaName;
    }
}
