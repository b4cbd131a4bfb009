SELECT id,
       book_title,
       member_name,
       CASE WHEN returned_on IS NULL THEN 'still out' ELSE 'returned late' END AS status,
       strftime('%d', COALESCE(returned_on, '2026-03-01')) - strftime('%d', due_on)
         AS days_overdue
FROM loans
WHERE (returned_on IS NULL AND due_on < '2026-03-01')
   OR returned_on > due_on
ORDER BY days_overdue DESC, id;
