/**
 * SQL Server and Azure SQL: the task store's statements and each tracked table's change queries over native
 * change tracking ({@code CHANGETABLE}), read with Microsoft's snapshot-isolation recipe.
 */
package io.livetasks.persistence.sqlserver;
