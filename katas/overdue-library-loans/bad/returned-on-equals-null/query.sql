SELECT id,
       book_title,
       member_name,
       CASE WHEN returned_on = NULL THEN 'still out' ELSE 'returned late' END AS status,
       CAST(julianday(COALESCE(returned_on, '2026-03-01')) - julianday(due_on) AS INTEGER)
         AS days_overdue
FROM loans
WHERE (returned_on = NULL AND due_on < '2026-03-01')
   OR returned_on > due_on
ORDER BY days_overdue DESC, id;
