SELECT id,
       book_title,
       member_name,
       CASE WHEN returned_on IS NULL THEN 'still out' ELSE 'returned late' END AS status,
       CAST(julianday(COALESCE(returned_on, '2026-03-01')) - julianday(due_on) AS INTEGER)
         AS days_overdue
FROM loans
WHERE due_on < '2026-03-01'
ORDER BY days_overdue DESC, id;
