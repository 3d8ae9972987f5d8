"""실습 퀴즈: questions as data, answer parsing, graders that compute the truth, the Q9/Q10 training.

The quiz is the one topic that reaches into others, on purpose: it grades with the lesson's own
code. `truths` runs `seqcore.basics.shapes.explore_shapes` for the shape questions, and Q10
trains on `seqcore.sentiment.models.lesson_dataset`, the lesson's toy reviews. Changing those
lessons changes the quiz's truths with them.
"""
