SELECT e.id, e.name, 1 AS depth
FROM employees AS e
WHERE e.manager_id = 2
UNION ALL
SELECT e.id, e.name, 2
FROM employees AS e
JOIN employees AS m ON e.manager_id = m.id
WHERE m.manager_id = 2;
