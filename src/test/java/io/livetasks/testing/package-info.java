/** Test helpers shared by the unit tests of several packages. */
package io.livetasks.testing;
