SELECT id,
       book_title,
       member_name,
       'still out' AS status,
       CAST(julianday('2026-03-01') - julianday(due_on) AS INTEGER) AS days_overdue
FROM loans
WHERE returned_on IS NULL
  AND due_on < '2026-03-01'
ORDER BY days_overdue DESC, id;
