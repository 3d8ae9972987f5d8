"""Pure functions that return plotly figures or Graphviz DOT; they never call Streamlit or train."""
