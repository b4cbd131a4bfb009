SELECT id, name, 1 AS depth
FROM employees
WHERE manager_id = 2;
