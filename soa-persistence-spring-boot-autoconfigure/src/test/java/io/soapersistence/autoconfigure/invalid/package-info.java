/**
 * Classes that are not SoA types, for the misconfiguration tests. Never scanned by default.
 */
package io.soapersistence.autoconfigure.invalid;
