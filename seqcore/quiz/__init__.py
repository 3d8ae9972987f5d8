"""실습 퀴즈: questions as data, answer parsing, graders that compute the truth, the Q9/Q10 training."""
