/**
 * The public API of soa-persistence: the {@link io.soapersistence.SoA} annotation that turns a record into a
 * generated structure-of-arrays type, the Arrow conversion contracts {@link io.soapersistence.ToArrow} and
 * {@link io.soapersistence.ArrowSchemaGen}, the asynchronous {@link io.soapersistence.SoAPersistence} contract
 * and the {@link io.soapersistence.PersistenceException} hierarchy.
 */
package io.soapersistence;
