/**
 * SQL Server and Azure SQL: the task store and the change source over native change tracking
 * ({@code CHANGETABLE}), read with Microsoft's snapshot-isolation recipe.
 */
package io.livetasks.persistence.sqlserver;
