"""What an experiment asks for: the file, its arms, levers, uncertainties, designs,
outcomes and calibration targets, and the plans (arms x replicates, design points x
strategies) that follow from it. Nothing here runs the model.
"""
