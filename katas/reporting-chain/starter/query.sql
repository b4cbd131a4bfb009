-- List everyone who reports to employee 2, directly or indirectly: id, name, depth (1 = direct report).
SELECT id, name, 1 AS depth
FROM employees
WHERE manager_id = 2;
