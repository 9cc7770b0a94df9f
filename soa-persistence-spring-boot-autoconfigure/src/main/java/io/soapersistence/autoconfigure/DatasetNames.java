package io.soapersistence.autoconfigure;

/**
 * Derives dataset names from SoA types and bean names from dataset names.
 */
final class DatasetNames {

    private static final String SOA_SUFFIX = "SoA";

    private static final String BEAN_NAME_SUFFIX = "ParquetPersistence";

    private DatasetNames() {
    }

    /**
     * The dataset name of a scanned type: the simple name without a trailing {@code SoA}, in kebab case, so that
     * {@code OrderSoA} is {@code order} and {@code SensorReadingSoA} is {@code sensor-reading}. Kebab case is
     * what Spring Boot uses for map keys and directory names, so the name works in both places unchanged.
     */
    static String of(Class<?> type) {
        String name = type.getSimpleName();
        if (name.endsWith(SOA_SUFFIX) && name.length() > SOA_SUFFIX.length()) {
            name = name.substring(0, name.length() - SOA_SUFFIX.length());
        }
        StringBuilder kebab = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                            || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
            if (boundary) {
                kebab.append('-');
            }
            kebab.append(Character.toLowerCase(c));
        }
        return kebab.toString();
    }

    /**
     * The bean name of a dataset: {@code sensor-reading} becomes {@code sensorReadingParquetPersistence}.
     */
    static String beanName(String datasetName) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : datasetName.toCharArray()) {
            if (c == '-' || c == '_' || c == '.' || Character.isWhitespace(c)) {
                upper = camel.length() > 0;
            }
            else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel + BEAN_NAME_SUFFIX;
    }
}
