/**
 * The contract between generated SoA types and storage engines: columns travel as the SoA's own primitive
 * arrays, without Arrow vectors and without copies. Application code never calls these types; they are
 * public only because generated classes live in the application's packages.
 */
package io.soapersistence.spi;
