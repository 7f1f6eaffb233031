/** Only the trigger class name that the shipped H2 migration V2 uses; see its one class. */
package io.livetasks.dialect.h2;
