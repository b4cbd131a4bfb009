-- List, per department, the employees paid one of its three highest distinct salaries (ties included, NULLs never): department A-Z, salary high to low, then id.
SELECT d.name AS department, e.id, e.full_name, e.salary
FROM employees AS e
JOIN departments AS d ON d.id = e.department_id
ORDER BY e.salary DESC
LIMIT 3;
