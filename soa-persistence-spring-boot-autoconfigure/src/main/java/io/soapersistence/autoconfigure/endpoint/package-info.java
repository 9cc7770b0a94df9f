/**
 * The {@code soapersistence} actuator endpoint, which lists the auto-configured datasets with what their footers
 * say.
 */
package io.soapersistence.autoconfigure.endpoint;
